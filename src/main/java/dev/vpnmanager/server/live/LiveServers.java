package dev.vpnmanager.server.live;

import dev.vpnmanager.server.ServerUsers;
import dev.vpnmanager.server.runtime.ManagedContainer;
import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.docker.ContainerState;
import dev.vpnmanager.domain.VpnServer;
import dev.vpnmanager.protocol.UserSpec;
import dev.vpnmanager.server.ServerSpecs;
import io.ebean.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/** The deployed servers as the database and the container runtime see them together. */
@Singleton
public final class LiveServers {
  private final Database db;
  private final ContainerRuntime runtime;

  @Inject
  public LiveServers(Database db, ContainerRuntime runtime) {
    this.db = db;
    this.runtime = runtime;
  }

  /** Every server marked deployed, with its managed container if one exists. */
  public List<Deployed> deployed() {
    List<Deployed> out = new ArrayList<>();
    for (VpnServer s : db.find(VpnServer.class).where().eq("deployed", true).orderBy("name").findList()) {
      out.add(new Deployed(s, container(s)));
    }
    return out;
  }

  /** The servers that run now. */
  public List<LiveTarget> running() {
    List<LiveTarget> out = new ArrayList<>();
    for (Deployed d : deployed()) {
      d.container().filter(ContainerState::running)
          .ifPresent(c -> out.add(new LiveTarget(ServerSpecs.of(d.server()), c)));
    }
    return out;
  }

  /** The named server if it is deployed and its container runs. */
  public Optional<LiveTarget> running(String serverName) {
    VpnServer s = db.find(VpnServer.class).where().eq("name", serverName).eq("deployed", true).findOne();
    if (s == null) {
      return Optional.empty();
    }
    return container(s).filter(ContainerState::running).map(c -> new LiveTarget(ServerSpecs.of(s), c));
  }

  /** The server's users: active ones only, or every one (counters of suspended users still count). */
  public List<UserSpec> users(String serverName, boolean activeOnly) {
    return activeOnly ? ServerUsers.active(db, serverName) : ServerUsers.all(db, serverName);
  }

  private Optional<ContainerState> container(VpnServer s) {
    return ManagedContainer.of(runtime, s);
  }

  /** A server marked deployed and its container, if any. */
  public record Deployed(VpnServer server, Optional<ContainerState> container) {}
}
