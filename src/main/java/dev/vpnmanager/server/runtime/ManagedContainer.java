package dev.vpnmanager.server.runtime;

import dev.vpnmanager.common.OperationFailedException;
import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.docker.ContainerState;
import dev.vpnmanager.domain.UserStatus;
import dev.vpnmanager.domain.VpnServer;
import dev.vpnmanager.domain.VpnUser;
import dev.vpnmanager.protocol.UserSpec;
import dev.vpnmanager.server.ServerSpecs;
import io.ebean.Database;
import io.ebean.Transaction;
import java.util.List;

/** Finds a server's running container by its managed name and label, for the live per-protocol hooks. */
public final class ManagedContainer {
  /** The name {@link ServerContainers} gives a server's container. */
  public static final String PREFIX = "vpn-manager-";

  private ManagedContainer() {}

  /** The running container of the server; a clear failure when there is none. */
  public static String runningId(ContainerRuntime runtime, String server) {
    ContainerState c = runtime.inspect(PREFIX + server).filter(x -> server.equals(x.server()))
        .orElseThrow(() -> new OperationFailedException("server " + server + " has no container: run servers start "
            + server));
    if (!c.running()) {
      throw new OperationFailedException("server " + server + " is not running: run servers start " + server);
    }
    return c.id();
  }

  /** The server's active users as drivers see them, read in {@code txn} (the config a (re)start renders). */
  public static List<UserSpec> activeUsers(Database db, Transaction txn, VpnServer server) {
    return db.find(VpnUser.class).usingTransaction(txn).where().eq("server", server)
        .eq("status", UserStatus.ACTIVE).orderBy("id").findList().stream().map(ServerSpecs::of).toList();
  }

  /** Every user defined on the server (any status), to map what the server reports back to names. */
  public static List<UserSpec> allUsers(Database db, String server) {
    return db.find(VpnUser.class).where().eq("server.name", server).orderBy("id").findList().stream()
        .map(ServerSpecs::of).toList();
  }
}
