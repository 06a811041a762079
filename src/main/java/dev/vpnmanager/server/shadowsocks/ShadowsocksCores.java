package dev.vpnmanager.server.shadowsocks;

import dev.vpnmanager.domain.VpnServer;
import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.protocol.ServerSpec;

/**
 * Which Shadowsocks core a server runs: ss-libev (ss-manager, the local default), v2ray (an inbound per user) or
 * xray (one multi-user inbound on the server's port; the only core on a remote node).
 */
public final class ShadowsocksCores {
  static final String V2RAY = "v2ray";
  public static final String XRAY = "xray";
  public static final String SS_LIBEV = SsServer.CORE;

  private ShadowsocksCores() {}

  static String of(ServerSpec server) {
    return server.setting("core", SsServer.CORE);
  }

  static String of(VpnServer server) {
    return Credentials.fromJson(server.getSettings()).values().getOrDefault("core", SsServer.CORE);
  }
}
