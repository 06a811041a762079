package dev.vpnmanager.docker;

/** A container port published on the host: {@code protocol} is tcp or udp; {@code hostIp} "" = all addresses. */
public record PortMapping(int hostPort, int containerPort, String protocol, String hostIp) {
  public PortMapping {
    if (!"tcp".equals(protocol) && !"udp".equals(protocol)) {
      throw new IllegalArgumentException("protocol must be tcp or udp: " + protocol);
    }
    hostIp = hostIp == null ? "" : hostIp;
  }

  public static PortMapping tcp(int hostPort, int containerPort) {
    return new PortMapping(hostPort, containerPort, "tcp", "");
  }

  public static PortMapping udp(int hostPort, int containerPort) {
    return new PortMapping(hostPort, containerPort, "udp", "");
  }
}
