package dev.vpnmanager.server.live;

import dev.vpnmanager.docker.ContainerState;
import dev.vpnmanager.protocol.ServerSpec;

/** A deployed server whose container runs now: what live changes, counters and health act on. */
public record LiveTarget(ServerSpec spec, ContainerState container) {
  public String name() {
    return spec.name();
  }

  public String protocol() {
    return spec.protocol();
  }
}
