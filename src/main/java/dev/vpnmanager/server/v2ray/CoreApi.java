package dev.vpnmanager.server.v2ray;

import dev.vpnmanager.protocol.ServerSpec;

/** Where a server's core API answers: the host's loopback (host networking) at the server's apiPort. */
final class CoreApi {
  private CoreApi() {}

  static XrayApi of(XrayApis apis, ServerSpec server, String defaultCore) {
    int port = Integer.parseInt(server.setting(ApiPorts.KEY, "10085"));
    return apis.of("127.0.0.1", port, server.setting("core", defaultCore));
  }
}
