package dev.vpnmanager.http.sub;

import java.util.Locale;
import java.util.Optional;

/** The forms a subscription is served in; picked by the app's User-Agent unless {@code ?format=} says. */
enum Format {
  BASE64("base64", "text/plain; charset=utf-8", "txt"),
  SINGBOX("singbox", "application/json; charset=utf-8", "json"),
  CLASH("clash", "text/yaml; charset=utf-8", "yaml"),
  OUTLINE("outline", "application/json; charset=utf-8", "json"),
  WIREGUARD("wireguard", "text/plain; charset=utf-8", "conf"),
  LINKS("links", "text/plain; charset=utf-8", "txt");

  final String code;
  final String contentType;
  final String extension;

  Format(String code, String contentType, String extension) {
    this.code = code;
    this.contentType = contentType;
    this.extension = extension;
  }

  static Optional<Format> parse(String code) {
    for (Format f : values()) {
      if (f.code.equals(code)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /**
   * By the app: sing-box and Hiddify take sing-box JSON; Clash.Meta family (mihomo, Clash Verge, FlClash, Stash)
   * YAML; Outline its dynamic key (Shadowsocks users); the WireGuard app its .conf; v2rayN, v2rayNG, Streisand,
   * Shadowrocket, NekoBox and anything unknown the base64 list.
   */
  static Format forAgent(String userAgent, String protocol) {
    String ua = userAgent == null ? "" : userAgent.toLowerCase(Locale.ROOT);
    if (ua.contains("hiddify") || ua.contains("sing-box") || ua.contains("singbox") || ua.startsWith("sfa")
        || ua.startsWith("sfi") || ua.startsWith("sfm") || ua.startsWith("sft")) {
      return SINGBOX;
    }
    if (ua.contains("clash") || ua.contains("mihomo") || ua.contains("flclash") || ua.contains("stash")) {
      return CLASH;
    }
    if (ua.contains("outline") && "shadowsocks".equals(protocol)) {
      return OUTLINE;
    }
    if (ua.contains("wireguard") && "wireguard".equals(protocol)) {
      return WIREGUARD;
    }
    return BASE64;
  }
}
