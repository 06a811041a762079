package dev.vpnmanager.http.sub;

import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Clash.Meta (mihomo) profile: the user's server under {@code proxies} with mihomo's field names
 * (adapter/outbound: vless with reality-opts, ss, socks5, http, wireguard), one select group and MATCH to it.
 */
final class ClashProfile {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));
  static final String GROUP = "VPN";

  private ClashProfile() {}

  static String render(List<ClientLink> links) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("mixed-port", 7890);
    root.put("allow-lan", false);
    root.put("mode", "rule");
    root.put("log-level", "warning");
    List<Map<String, Object>> proxies = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (ClientLink l : links) {
      proxies.add(proxy(l));
      names.add(l.name());
    }
    root.put("proxies", proxies);
    Map<String, Object> group = new LinkedHashMap<>();
    group.put("name", GROUP);
    group.put("type", "select");
    group.put("proxies", names);
    root.put("proxy-groups", List.of(group));
    root.put("rules", List.of("MATCH," + GROUP));
    try {
      return YAML.writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> proxy(ClientLink l) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("name", l.name());
    switch (l.type()) {
      case "vless" -> {
        p.put("type", "vless");
        server(p, l);
        p.put("uuid", l.param("uuid"));
        p.put("network", "tcp");
        p.put("udp", true);
        if ("reality".equals(l.param("security"))) {
          p.put("tls", true);
          if (!l.param("flow").isEmpty()) {
            p.put("flow", l.param("flow"));
          }
          p.put("servername", l.param("sni"));
          p.put("client-fingerprint", l.param("fp").isEmpty() ? "chrome" : l.param("fp"));
          Map<String, Object> reality = new LinkedHashMap<>();
          reality.put("public-key", l.param("pbk"));
          reality.put("short-id", l.param("sid"));
          p.put("reality-opts", reality);
        }
      }
      case "shadowsocks" -> {
        p.put("type", "ss");
        server(p, l);
        p.put("cipher", l.param("method"));
        p.put("password", l.param("password"));
        p.put("udp", true);
      }
      case "socks" -> {
        p.put("type", "socks5");
        server(p, l);
        p.put("username", l.param("username"));
        p.put("password", l.param("password"));
        p.put("udp", true);
      }
      case "http" -> {
        p.put("type", "http");
        server(p, l);
        p.put("username", l.param("username"));
        p.put("password", l.param("password"));
      }
      case "wireguard" -> {
        p.put("type", "wireguard");
        server(p, l);
        for (String a : l.list("address")) {
          String ip = a.contains("/") ? a.substring(0, a.indexOf('/')) : a;
          p.put(ip.contains(":") ? "ipv6" : "ip", ip);
        }
        p.put("private-key", l.param("privatekey"));
        p.put("public-key", l.param("peer.publickey"));
        if (!l.param("peer.presharedkey").isEmpty()) {
          p.put("pre-shared-key", l.param("peer.presharedkey"));
        }
        p.put("allowed-ips", l.list("peer.allowedips"));
        if (!l.param("mtu").isEmpty()) {
          p.put("mtu", Integer.parseInt(l.param("mtu")));
        }
        p.put("udp", true);
      }
      default -> throw new IllegalArgumentException("no Clash proxy for " + l.type());
    }
    return p;
  }

  private static void server(Map<String, Object> p, ClientLink l) {
    p.put("server", l.host());
    p.put("port", l.port());
  }
}
