package dev.vpnmanager.protocol.vless;

import static dev.vpnmanager.protocol.Links.encode;

import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.protocol.ServerSpec;
import dev.vpnmanager.protocol.UserSpec;

/**
 * The share link v2rayNG, Hiddify, Streisand and NekoBox import:
 * {@code vless://UUID@HOST:PORT?type=tcp&security=reality&pbk=..&sid=..&sni=..&fp=..&flow=..#NAME}, or
 * {@code security=none} on the v2ray core.
 */
final class VlessLink {
  private VlessLink() {}

  static String of(ServerSpec server, UserSpec user) {
    Credentials s = server.settings();
    StringBuilder b = new StringBuilder(200)
        .append("vless://").append(user.require("uuid")).append('@').append(server.urlHost())
        .append(':').append(server.port())
        .append("?type=tcp&encryption=none");
    if (VlessSettings.isReality(s)) {
      b.append("&security=reality")
          .append("&pbk=").append(encode(s.get(VlessSettings.PUBLIC_KEY)))
          .append("&sid=").append(encode(s.get(VlessSettings.SHORT_ID)))
          .append("&sni=").append(encode(s.get(VlessSettings.SNI)))
          .append("&fp=").append(encode(s.get(VlessSettings.FINGERPRINT)))
          .append("&flow=").append(encode(s.get(VlessSettings.FLOW)));
    } else {
      b.append("&security=none");
    }
    return b.append('#').append(encode(user.username())).toString();
  }
}
