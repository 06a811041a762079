package dev.vpnmanager.http.sub;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A user's link taken apart, so the other subscription formats (sing-box, Clash.Meta, Outline) say exactly what
 * the link says: vless://, ss:// (SIP002), socks5://, http:// and the WireGuard .conf text.
 */
record ClientLink(String type, String name, String host, int port, Map<String, String> params) {

  String param(String key) {
    return params.getOrDefault(key, "");
  }

  List<String> list(String key) {
    return Arrays.stream(param(key).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  static ClientLink parse(String protocol, String name, String link) {
    if ("wireguard".equals(protocol)) {
      return wireguard(name, link);
    }
    URI u = URI.create(link.trim());
    Map<String, String> p = new HashMap<>(query(u.getRawQuery()));
    String host = u.getHost();
    if (host != null && host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    String userInfo = u.getRawUserInfo() == null ? "" : u.getRawUserInfo();
    switch (u.getScheme().toLowerCase(Locale.ROOT)) {
      case "vless" -> p.put("uuid", decode(userInfo));
      case "ss" -> {
        String plain = new String(Base64.getUrlDecoder().decode(padless(userInfo)), StandardCharsets.UTF_8);
        int colon = plain.indexOf(':');
        p.put("method", plain.substring(0, colon));
        p.put("password", plain.substring(colon + 1));
      }
      case "socks5", "socks", "http" -> {
        int colon = userInfo.indexOf(':');
        if (colon >= 0) {
          p.put("username", decode(userInfo.substring(0, colon)));
          p.put("password", decode(userInfo.substring(colon + 1)));
        }
      }
      default -> throw new IllegalArgumentException("no subscription form for " + u.getScheme() + " links");
    }
    String type = switch (u.getScheme().toLowerCase(Locale.ROOT)) {
      case "vless" -> "vless";
      case "ss" -> "shadowsocks";
      case "http" -> "http";
      default -> "socks";
    };
    return new ClientLink(type, name, host, u.getPort(), Map.copyOf(p));
  }

  private static ClientLink wireguard(String name, String conf) {
    Map<String, String> p = new HashMap<>();
    String section = "";
    for (String raw : conf.split("\n")) {
      String line = raw.trim();
      if (line.startsWith("[")) {
        section = line.toLowerCase(Locale.ROOT);
        continue;
      }
      int eq = line.indexOf('=');
      if (line.isEmpty() || line.startsWith("#") || eq < 0) {
        continue;
      }
      String k = line.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      String v = line.substring(eq + 1).trim();
      p.put(("[peer]".equals(section) ? "peer." : "") + k, v);
    }
    String endpoint = p.getOrDefault("peer.endpoint", "");
    int colon = endpoint.lastIndexOf(':');
    String host = endpoint.substring(0, colon).replace("[", "").replace("]", "");
    int port = Integer.parseInt(endpoint.substring(colon + 1));
    return new ClientLink("wireguard", name, host, port, Map.copyOf(p));
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> m = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return m;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        m.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
      }
    }
    return m;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static String padless(String s) {
    return s.replace('+', '-').replace('/', '_').replace("=", "");
  }
}
