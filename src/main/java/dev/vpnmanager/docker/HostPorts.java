package dev.vpnmanager.docker;

import dev.vpnmanager.common.OperationFailedException;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Whether a host port is free: nothing on this machine is bound to it and no container publishes it. A
 * container with host networking shows up in the first check.
 */
@Singleton
public final class HostPorts {
  private final ContainerRuntime runtime;

  @Inject
  public HostPorts(ContainerRuntime runtime) {
    this.runtime = runtime;
  }

  /** Who holds the port ("a process on this host", "container NAME"), or empty when it is free. */
  public Optional<String> holder(int port, String protocol) {
    if (!bindable(port, protocol)) {
      return Optional.of("a process on this host");
    }
    return runtime.publishedPorts().stream()
        .filter(p -> p.port() == port && p.protocol().equals(protocol))
        .findFirst().map(p -> "container " + p.containerName());
  }

  public boolean isFree(int port, String protocol) {
    return holder(port, protocol).isEmpty();
  }

  /** A random port in [low, high] free for every given protocol; fails after a bounded number of tries. */
  public int pickFree(int low, int high, SecureRandom random, String... protocols) {
    for (int i = 0; i < 200; i++) {
      int port = low + random.nextInt(high - low + 1);
      boolean free = true;
      for (String proto : protocols) {
        free &= isFree(port, proto);
      }
      if (free) {
        return port;
      }
    }
    throw new OperationFailedException("no free port found in " + low + "-" + high + ": widen port-range");
  }

  static boolean bindable(int port, String protocol) {
    try {
      if ("udp".equals(protocol)) {
        try (DatagramSocket s = new DatagramSocket(null)) {
          s.bind(new InetSocketAddress(port));
        }
      } else {
        try (ServerSocket s = new ServerSocket()) {
          // as servers bind (Go sets SO_REUSEADDR): a listener still refuses, connections in TIME_WAIT do not
          s.setReuseAddress(true);
          s.bind(new InetSocketAddress(port));
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
