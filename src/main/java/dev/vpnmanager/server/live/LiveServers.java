package dev.vpnmanager.server.live;

import dev.vpnmanager.server.ServerUsers;
import dev.vpnmanager.server.runtime.ManagedContainer;
import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.docker.ContainerState;
import dev.vpnmanager.docker.DockerUnavailableException;
import dev.vpnmanager.node.NodeRuntimes;
import dev.vpnmanager.protocol.ServerSpec;
import dev.vpnmanager.domain.VpnServer;
import dev.vpnmanager.protocol.UserSpec;
import dev.vpnmanager.server.ServerSpecs;
import io.ebean.Database;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/** The deployed servers as the database and the container runtime see them together. */
@Singleton
public final class LiveServers {
  private final Database db;
  private final NodeRuntimes nodes;

  /** One engine only: the local node (tests wired by hand). */
  public LiveServers(Database db, ContainerRuntime runtime) {
    this(db, new NodeRuntimes(runtime, db, java.nio.file.Path.of("/nonexistent"), java.time.Clock.systemUTC()));
  }

  @Inject
  public LiveServers(Database db, NodeRuntimes nodes) {
    this.db = db;
    this.nodes = nodes;
  }

  /**
   * Every server marked deployed, with its managed container if one exists. Servers of a remote node that does not
   * answer are left out (their state is unknown, not "missing"): jobs carry on with the other nodes.
   */
  public List<Deployed> deployed() {
    List<Deployed> out = new ArrayList<>();
    java.util.Set<String> down = new java.util.HashSet<>();
    for (VpnServer s : db.find(VpnServer.class).where().eq("deployed", true).orderBy("name").findList()) {
      if (down.contains(s.getNode())) {
        continue;
      }
      try {
        out.add(new Deployed(s, container(s)));
      } catch (DockerUnavailableException e) {
        if (NodeRuntimes.isLocal(s.getNode())) {
          throw e;
        }
        down.add(s.getNode());
      }
    }
    return out;
  }

  /** The engine a server's container runs on. */
  public ContainerRuntime runtimeOf(ServerSpec spec) {
    return nodes.forSpec(spec);
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
    try {
      return container(s).filter(ContainerState::running).map(c -> new LiveTarget(ServerSpecs.of(s), c));
    } catch (DockerUnavailableException e) {
      if (NodeRuntimes.isLocal(s.getNode())) {
        throw e;
      }
      return Optional.empty();
    }
  }

  /** The server's users: active ones only, or every one (counters of suspended users still count). */
  public List<UserSpec> users(String serverName, boolean activeOnly) {
    return activeOnly ? ServerUsers.active(db, serverName) : ServerUsers.all(db, serverName);
  }

  /** The names of the server's users (active ones, or every one), without their credentials. */
  public List<String> userNames(String serverName, boolean activeOnly) {
    return ServerUsers.names(db, serverName, activeOnly);
  }

  /** Those of the named users who are the server's users (active ones, or every one), with their credentials. */
  public List<UserSpec> users(String serverName, boolean activeOnly, Collection<String> names) {
    return ServerUsers.named(db, serverName, activeOnly, names);
  }

  private Optional<ContainerState> container(VpnServer s) {
    return ManagedContainer.of(nodes.forServer(s), s);
  }

  /** A server marked deployed and its container, if any. */
  public record Deployed(VpnServer server, Optional<ContainerState> container) {}
}
