package dev.vpnmanager.server.shadowsocks;

import dev.vpnmanager.domain.VpnServer;
import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.protocol.ServerSpec;

/** Which Shadowsocks core a server runs: ss-libev (ss-manager, the default) or v2ray (an inbound per user). */
final class ShadowsocksCores {
  static final String V2RAY = "v2ray";

  private ShadowsocksCores() {}

  static boolean isV2ray(ServerSpec server) {
    return V2RAY.equals(server.setting("core", SsServer.CORE));
  }

  static boolean isV2ray(VpnServer server) {
    return V2RAY.equals(Credentials.fromJson(server.getSettings()).values().getOrDefault("core", SsServer.CORE));
  }
}
