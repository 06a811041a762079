package dev.vpnmanager.http.sub;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vpnmanager.config.Json;
import java.util.List;

/**
 * A complete sing-box client config (sing-box apps, Hiddify): a TUN inbound for phones, a local mixed proxy for
 * desktops, the user's server as the outbound (a WireGuard server as an endpoint) and the route's final to it.
 */
final class SingBoxProfile {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private SingBoxProfile() {}

  static String render(List<ClientLink> links) {
    ObjectNode root = F.objectNode();
    root.putObject("log").put("level", "warn");
    ArrayNode inbounds = root.putArray("inbounds");
    ObjectNode tun = inbounds.addObject().put("type", "tun").put("tag", "tun-in");
    tun.putArray("address").add("172.19.0.1/30");
    tun.put("auto_route", true).put("strict_route", true);
    inbounds.addObject().put("type", "mixed").put("tag", "mixed-in").put("listen", "127.0.0.1")
        .put("listen_port", 2080);
    ArrayNode outbounds = root.putArray("outbounds");
    ArrayNode endpoints = F.arrayNode();
    for (ClientLink l : links) {
      if ("wireguard".equals(l.type())) {
        endpoints.add(wireguard(l));
      } else {
        outbounds.add(outbound(l));
      }
    }
    outbounds.addObject().put("type", "direct").put("tag", "direct");
    if (!endpoints.isEmpty()) {
      root.set("endpoints", endpoints);
    }
    ObjectNode route = root.putObject("route");
    route.put("auto_detect_interface", true);
    route.put("final", links.get(0).name());
    try {
      return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode outbound(ClientLink l) {
    ObjectNode o = F.objectNode().put("type", l.type()).put("tag", l.name()).put("server", l.host())
        .put("server_port", l.port());
    switch (l.type()) {
      case "vless" -> {
        o.put("uuid", l.param("uuid"));
        if ("reality".equals(l.param("security"))) {
          if (!l.param("flow").isEmpty()) {
            o.put("flow", l.param("flow"));
          }
          ObjectNode tls = o.putObject("tls").put("enabled", true).put("server_name", l.param("sni"));
          tls.putObject("utls").put("enabled", true)
              .put("fingerprint", l.param("fp").isEmpty() ? "chrome" : l.param("fp"));
          tls.putObject("reality").put("enabled", true).put("public_key", l.param("pbk"))
              .put("short_id", l.param("sid"));
        }
      }
      case "shadowsocks" -> o.put("method", l.param("method")).put("password", l.param("password"));
      case "socks" -> o.put("version", "5").put("username", l.param("username")).put("password", l.param("password"));
      case "http" -> o.put("username", l.param("username")).put("password", l.param("password"));
      default -> throw new IllegalArgumentException("no sing-box outbound for " + l.type());
    }
    return o;
  }

  private static ObjectNode wireguard(ClientLink l) {
    ObjectNode e = F.objectNode().put("type", "wireguard").put("tag", l.name());
    ArrayNode address = e.putArray("address");
    l.list("address").forEach(address::add);
    e.put("private_key", l.param("privatekey"));
    if (!l.param("mtu").isEmpty()) {
      e.put("mtu", Integer.parseInt(l.param("mtu")));
    }
    ObjectNode peer = e.putArray("peers").addObject().put("address", l.host()).put("port", l.port())
        .put("public_key", l.param("peer.publickey"));
    if (!l.param("peer.presharedkey").isEmpty()) {
      peer.put("pre_shared_key", l.param("peer.presharedkey"));
    }
    ArrayNode allowed = peer.putArray("allowed_ips");
    l.list("peer.allowedips").forEach(allowed::add);
    if (!l.param("peer.persistentkeepalive").isEmpty()) {
      peer.put("persistent_keepalive_interval", Integer.parseInt(l.param("peer.persistentkeepalive")));
    }
    return e;
  }
}
