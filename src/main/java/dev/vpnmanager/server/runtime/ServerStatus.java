package dev.vpnmanager.server.runtime;

import dev.vpnmanager.docker.ContainerState;
import java.util.Optional;

/** A server definition with its container's state (empty when it has no container). */
public record ServerStatus(String name, String protocol, String host, int port, boolean deployed,
                           Optional<ContainerState> container, String node, boolean nodeDown) {
  public ServerStatus(String name, String protocol, String host, int port, boolean deployed,
                      Optional<ContainerState> container) {
    this(name, protocol, host, port, deployed, container, "local", false);
  }

  /** One line: "running, healthy", "not deployed", "deployed, container gone". */
  public String summary() {
    if (nodeDown) {
      return "unknown: node " + node + " does not answer";
    }
    if (container.isPresent()) {
      return container.get().summary();
    }
    return deployed ? "deployed, container gone" : "not deployed";
  }
}
