package dev.vpnmanager.server.v2ray;

/**
 * The user an Xray container runs as. The official image runs as the distroless {@code nonroot} user, 65532, and
 * that is kept wherever it works. On the host's network an unprivileged user cannot bind a port below 1024 (the
 * host's {@code net.ipv4.ip_unprivileged_port_start}; Docker lowers it only inside a container's own network
 * namespace, and gives a non-root process no effective capabilities): the default VLESS port 443 would fail
 * with "bind: permission denied". There the core runs as uid 0 with every capability dropped but
 * NET_BIND_SERVICE, so it can bind the port and cannot override file permissions: the config belongs to it.
 */
record RunAs(int uid, int gid) {
  static final int NONROOT = 65532;
  static final int FIRST_UNPRIVILEGED_PORT = 1024;

  static RunAs forPort(int port) {
    return port < FIRST_UNPRIVILEGED_PORT ? new RunAs(0, 0) : new RunAs(NONROOT, NONROOT);
  }
}
