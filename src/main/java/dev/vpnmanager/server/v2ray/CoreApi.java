package dev.vpnmanager.server.v2ray;

import dev.vpnmanager.protocol.ServerSpec;
import dev.vpnmanager.server.runtime.ApiSockets;

/**
 * Where a server's core API answers: its Unix socket in the data dir ({@link ApiSockets#KEY} in its settings, saved
 * at deploy), else the host's loopback (host networking) at the server's apiPort (containers planned before the
 * sockets, or where a socket cannot be used).
 */
final class CoreApi {
  private CoreApi() {}

  /**
   * The core of a server on a remote node, through {@code xray api} run in its container (the node's loopback is
   * not the manager's). Only Xray has that CLI for every operation; a v2ray core on a remote node is refused.
   */
  static XrayExec exec(dev.vpnmanager.node.NodeRuntimes nodes, ServerSpec server) {
    if (!"xray".equals(server.setting("core", "xray"))) {
      throw new XrayApiException("server " + server.name() + " runs the v2ray core on node "
          + dev.vpnmanager.node.NodeRuntimes.nodeOf(server) + ": live changes on a remote node need the Xray core", null);
    }
    return new XrayExec(nodes.forSpec(server), server.name(), Integer.parseInt(server.setting(ApiPorts.KEY, "10085")));
  }

  static XrayApi of(XrayApis apis, ServerSpec server, String defaultCore) {
    String socket = server.setting(ApiSockets.KEY, "");
    if (!socket.isEmpty()) {
      return apis.ofSocket(java.nio.file.Path.of(socket), server.setting("core", defaultCore));
    }
    int port = Integer.parseInt(server.setting(ApiPorts.KEY, "10085"));
    return apis.of("127.0.0.1", port, server.setting("core", defaultCore));
  }
}
