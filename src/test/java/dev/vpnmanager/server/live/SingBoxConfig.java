package dev.vpnmanager.server.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * What an app does with a {@code vless://} link: a sing-box client config built from the link's parts and
 * nothing else (UUID, host, port, flow, REALITY pbk/sid/sni, uTLS fp), with a local SOCKS5 inbound.
 */
final class SingBoxConfig {
  private SingBoxConfig() {}

  static String fromVlessLink(String link, int socksPort) {
    URI u = URI.create(link);
    if (!"vless".equals(u.getScheme())) {
      throw new IllegalArgumentException("not a vless link: " + link);
    }
    Map<String, String> q = new HashMap<>();
    for (String pair : u.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      q.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    root.putObject("log").put("level", "warn");
    root.putArray("inbounds").addObject().put("type", "socks").put("tag", "socks-in").put("listen", "127.0.0.1")
        .put("listen_port", socksPort);
    ObjectNode out = root.putArray("outbounds").addObject().put("type", "vless").put("tag", "proxy")
        .put("server", u.getHost()).put("server_port", u.getPort()).put("uuid", u.getUserInfo())
        .put("flow", q.getOrDefault("flow", ""));
    if ("reality".equals(q.get("security"))) {
      ObjectNode tls = out.putObject("tls").put("enabled", true).put("server_name", q.get("sni"));
      tls.putObject("utls").put("enabled", true).put("fingerprint", q.getOrDefault("fp", "chrome"));
      tls.putObject("reality").put("enabled", true).put("public_key", q.get("pbk")).put("short_id", q.get("sid"));
    }
    return root.toPrettyString();
  }
}
