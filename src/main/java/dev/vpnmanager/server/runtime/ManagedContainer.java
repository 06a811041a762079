package dev.vpnmanager.server.runtime;

import dev.vpnmanager.common.OperationFailedException;
import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.docker.ContainerState;
import dev.vpnmanager.domain.VpnServer;
import java.util.Optional;

/** Finds a server's running container by its managed name and label, for the live per-protocol hooks. */
public final class ManagedContainer {
  /** The name {@link ServerContainers} gives a server's container. */
  public static final String PREFIX = "vpn-manager-";

  private ManagedContainer() {}

  /** The container name of a server: the prefix and the server's name. */
  public static String name(String server) {
    return PREFIX + server;
  }

  /** The server's managed container: by id, else by name; only one labelled with this server. */
  public static Optional<ContainerState> of(ContainerRuntime runtime, VpnServer s) {
    Optional<ContainerState> c = s.getContainerId() == null ? Optional.empty() : runtime.inspect(s.getContainerId());
    if (c.isEmpty()) {
      c = runtime.inspect(name(s.getName()));
    }
    return c.filter(x -> s.getName().equals(x.server()));
  }

  /** The running container of the server; a clear failure when there is none. */
  public static String runningId(ContainerRuntime runtime, String server) {
    ContainerState c = runtime.inspect(name(server)).filter(x -> server.equals(x.server()))
        .orElseThrow(() -> new OperationFailedException("server " + server + " has no container: run servers start "
            + server));
    if (!c.running()) {
      throw new OperationFailedException("server " + server + " is not running: run servers start " + server);
    }
    return c.id();
  }

}
