package dev.vpnmanager.server;

import dev.vpnmanager.config.ConfigKey;
import dev.vpnmanager.config.ConfigKeys;
import dev.vpnmanager.config.Settings;
import java.util.HashMap;
import java.util.Map;

/**
 * Driver options for a new server of one protocol: every configuration key under {@code PROTOCOL.} ({@code proxy.}
 * for http and socks; e.g. {@code vless.sni-check} becomes option {@code sniCheck}), then what the admin gave
 * explicitly on top.
 */
final class ServerOptions {
  private ServerOptions() {}

  static Map<String, String> of(Settings settings, String protocol, Map<String, String> explicit) {
    Map<String, String> m = new HashMap<>();
    // the HTTP and SOCKS5 proxies share their keys (proxy.core): http.* names the manager's own HTTP face
    String prefix = (protocol.equals("http") || protocol.equals("socks") ? "proxy" : protocol) + ".";
    for (ConfigKey k : ConfigKeys.all()) {
      if (k.path().startsWith(prefix) && !ConfigKeys.HTTP_FACE.contains(k)) {
        String v = settings.get(k);
        if (v != null && !v.isBlank()) {
          m.put(camel(k.path().substring(prefix.length())), v);
        }
      }
    }
    explicit.forEach((k, v) -> {
      if (v != null && !v.isBlank()) {
        m.put(k, v);
      }
    });
    return m;
  }

  static String camel(String kebab) {
    StringBuilder b = new StringBuilder();
    boolean up = false;
    for (char c : kebab.toCharArray()) {
      if (c == '-') {
        up = true;
      } else {
        b.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    return b.toString();
  }
}
