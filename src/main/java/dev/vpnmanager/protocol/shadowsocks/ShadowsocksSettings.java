package dev.vpnmanager.protocol.shadowsocks;

import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.common.Names;
import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.protocol.Ports;
import dev.vpnmanager.protocol.ServerDefaults;
import dev.vpnmanager.protocol.ServerSpec;
import dev.vpnmanager.protocol.Slots;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Shadowsocks server's settings: core (ss-libev, v2ray or xray), AEAD method, listen address, per-user ports
 * (ss-libev and v2ray; on the xray core every user shares the server's port, one inbound with a client each).
 */
final class ShadowsocksSettings {
  static final String DEFAULT_METHOD = "chacha20-ietf-poly1305";
  static final List<String> METHODS = List.of("chacha20-ietf-poly1305", "aes-256-gcm", "aes-128-gcm");
  static final String XRAY = "xray";
  static final List<String> CORES = List.of("ss-libev", "v2ray", XRAY);
  static final int DEFAULT_USER_PORTS = 1000;

  private ShadowsocksSettings() {}

  static Credentials create(ServerDefaults d) {
    String core = d.option("core", "ss-libev");
    if (!CORES.contains(core)) {
      throw new InvalidInputException("unknown shadowsocks core '" + Names.printable(core)
          + "': expected ss-libev, v2ray or xray");
    }
    if (core.equals(XRAY)) {
      // one inbound on the server's port for every user: no per-user ports; Xray always relays UDP (walled)
      return Credentials.of("core", core, "method", method(d.option("method", DEFAULT_METHOD)),
          "listen", d.option("listen", "0.0.0.0"), "apiPort", Integer.toString(Ports.parse(d.option("apiPort",
              "10085"))));
    }
    int first = Ports.require(d.port());
    int last = Math.min(65535, first + DEFAULT_USER_PORTS - 1);
    return Credentials.of("core", core, "method", method(d.option("method", DEFAULT_METHOD)),
        "listen", d.option("listen", "0.0.0.0"), "userPorts", first + "-" + last,
        "apiPort", Integer.toString(Ports.parse(d.option("apiPort", "10085"))), "udp", udp(d.option("udp", "false")));
  }

  /** ss-libev's UDP relay: off unless asked for, because it ignores the ACL that keeps users off private ranges. */
  static String udp(String v) {
    if (!v.equals("true") && !v.equals("false")) {
      throw new InvalidInputException("shadowsocks udp must be true or false, not '" + Names.printable(v) + "'");
    }
    return v;
  }

  static String method(String m) {
    if (!METHODS.contains(m)) {
      throw new InvalidInputException("unknown shadowsocks method '" + Names.printable(m)
          + "': expected one of " + String.join(", ", METHODS) + " (AEAD only)");
    }
    return m;
  }

  static String core(Credentials s) {
    return s.values().getOrDefault("core", "ss-libev");
  }

  /** The xray core: every user on the server's own port (one multi-user inbound). */
  static boolean sharedPort(ServerSpec server) {
    return XRAY.equals(core(server.settings()));
  }

  /** The port a user's client dials: the server's own on the xray core, else the user's from the range. */
  static int clientPort(ServerSpec server, java.util.function.Function<String, String> credential) {
    return sharedPort(server) ? server.port() : Integer.parseInt(credential.apply("port"));
  }

  /** The lowest port of the server's userPorts range that no other user holds. */
  static int allocatePort(Credentials server, Slots used) {
    String range = server.values().getOrDefault("userPorts", "8388-9387");
    String[] p = range.split("-");
    int first = Integer.parseInt(p[0]);
    int last = Integer.parseInt(p[1]);
    int port = used.lowestFree("port " + range, first, last, Integer::toString);
    if (port >= 0) {
      return port;
    }
    throw new InvalidInputException("shadowsocks port pool " + range + " is exhausted: "
        + (last - first + 1) + " users hold every port");
  }

  /** A user's port: a number inside the server's userPorts range, and not ss-manager's own API port. */
  static int requireUserPort(ServerSpec server, String value) {
    String range = server.setting("userPorts", server.port() + "-" + server.port());
    String[] p = range.split("-");
    int first = Integer.parseInt(p[0].strip());
    int last = Integer.parseInt(p[p.length - 1].strip());
    if (value == null || !value.matches("\\d{1,5}")) {
      throw new InvalidInputException("port '" + Names.printable(String.valueOf(value)) + "' is not a port number");
    }
    int port = Integer.parseInt(value);
    if (port < first || port > last) {
      throw new InvalidInputException("port " + port + " is outside the server's user ports " + range);
    }
    if (Integer.toString(port).equals(server.setting("apiPort", "10085"))) {
      throw new InvalidInputException("port " + port + " is ss-manager's own API port");
    }
    return port;
  }

  static Map<String, Object> variables(ServerSpec server) {
    Map<String, Object> v = new HashMap<>();
    v.put("method", method(server.setting("method", DEFAULT_METHOD)));
    v.put("listen", server.setting("listen", "0.0.0.0"));
    v.put("apiPort", Integer.parseInt(server.setting("apiPort", "10085")));
    // the API's Unix socket, set by the container side at deploy; empty: the API listens on loopback at apiPort
    v.put("apiSocket", server.setting("apiSocket", ""));
    v.put("mode", server.setting("udp", "false").equals("true") ? "tcp_and_udp" : "tcp_only");
    return v;
  }
}
