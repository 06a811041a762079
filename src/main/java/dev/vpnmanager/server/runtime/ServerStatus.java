package dev.vpnmanager.server.runtime;

import dev.vpnmanager.docker.ContainerState;
import java.util.Optional;

/** A server definition with its container's state (empty when it has no container). */
public record ServerStatus(String name, String protocol, String host, int port, boolean deployed,
                           Optional<ContainerState> container) {
  /** One line: "running, healthy", "not deployed", "deployed, container gone". */
  public String summary() {
    if (container.isPresent()) {
      return container.get().summary();
    }
    return deployed ? "deployed, container gone" : "not deployed";
  }
}
