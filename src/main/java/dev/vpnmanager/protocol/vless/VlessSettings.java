package dev.vpnmanager.protocol.vless;

import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.common.Names;
import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.protocol.HostNames;
import dev.vpnmanager.protocol.Ports;
import dev.vpnmanager.protocol.ServerDefaults;
import dev.vpnmanager.protocol.ServerSpec;
import dev.vpnmanager.protocol.X25519;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** A VLESS server's settings: core, Reality keys, short id, SNI/dest, uTLS fingerprint, flow, API port. */
final class VlessSettings {
  static final String CORE = "core";
  static final String PRIVATE_KEY = "realityPrivateKey";
  static final String PUBLIC_KEY = "realityPublicKey";
  static final String SHORT_ID = "shortId";
  static final String SNI = "sni";
  static final String DEST = "dest";
  static final String FINGERPRINT = "fingerprint";
  static final String FLOW = "flow";
  static final String API_PORT = "apiPort";
  static final String LISTEN = "listen";

  static final List<String> CORES = List.of("xray", "v2ray");
  /** Large TLS 1.3 + HTTP/2 sites Reality can borrow a handshake from when the admin names none. */
  static final List<String> DEFAULT_SNIS = List.of("www.microsoft.com", "www.apple.com", "dl.google.com",
      "www.amazon.com", "www.cloudflare.com");
  static final List<String> FINGERPRINTS = List.of("chrome", "firefox", "safari", "ios", "android", "edge",
      "360", "qq", "random", "randomized");

  private VlessSettings() {}

  static Credentials create(SecureRandom random, ServerDefaults d, SniProbe probe) {
    Checked c = check(d);
    int apiPort = Ports.parse(d.option(API_PORT, "10085"));
    Map<String, String> m = new HashMap<>(Map.of(CORE, c.core(), API_PORT, Integer.toString(apiPort),
        LISTEN, d.option(LISTEN, "0.0.0.0")));
    if (c.core().equals("xray")) {
      String sni = c.sni() != null ? c.sni() : DEFAULT_SNIS.get(random.nextInt(DEFAULT_SNIS.size()));
      String dest = c.dest() != null ? c.dest() : sni + ":443";
      // the default list is known to answer; a host the admin chose is worth a look
      if ((c.sni() != null || c.dest() != null) && Boolean.parseBoolean(d.option("sniCheck", "false"))) {
        int colon = dest.lastIndexOf(':');
        probe.check(dest.substring(0, colon).replace("[", "").replace("]", ""),
            Integer.parseInt(dest.substring(colon + 1)));
      }
      m.put(SNI, sni);
      m.put(DEST, dest);
      m.put(FINGERPRINT, c.fingerprint());
      m.put(FLOW, "xtls-rprx-vision");
      m.putAll(keys(random));
    }
    return new Credentials(m);
  }

  /** The options as validated values; nothing is generated, probed or written. */
  record Checked(String core, String sni, String dest, String fingerprint) {}

  /** Validates core, SNI, dest and fingerprint (and the API port): a clear error for the first bad one. */
  static Checked check(ServerDefaults d) {
    String core = d.option(CORE, "xray");
    if (!CORES.contains(core)) {
      throw new InvalidInputException("unknown vless core '" + core + "': expected xray or v2ray");
    }
    Ports.parse(d.option(API_PORT, "10085"));
    String sni = d.option(SNI, "").isBlank() ? null : HostNames.requireDnsName("SNI", d.option(SNI, ""));
    String dest = d.option(DEST, "").isBlank() ? null : requireDest(d.option(DEST, ""));
    if (dest != null && sni == null) {
      throw new InvalidInputException("--dest needs --sni: the server name clients send must be one the dest "
          + "serves");
    }
    String fp = d.option(FINGERPRINT, "chrome");
    if (!FINGERPRINTS.contains(fp)) {
      throw new InvalidInputException("unknown uTLS fingerprint '" + fp + "': expected one of "
          + String.join(", ", FINGERPRINTS));
    }
    return new Checked(core, sni, dest, fp);
  }

  /** A Reality dest: {@code HOST:PORT}, HOST a DNS name, an IPv4 literal or a bracketed IPv6 literal. */
  static String requireDest(String text) {
    String t = text.trim();
    int colon = t.lastIndexOf(':');
    String bad = "invalid dest '" + Names.printable(text) + "': expected HOST:PORT such as www.example.com:443";
    if (colon <= 0 || colon == t.length() - 1) {
      throw new InvalidInputException(bad);
    }
    String host = t.substring(0, colon);
    String port = t.substring(colon + 1);
    if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
      throw new InvalidInputException(bad);
    }
    if (host.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      for (String part : host.split("\\.")) {
        if (Integer.parseInt(part) > 255) {
          throw new InvalidInputException(bad);
        }
      }
      return host + ":" + Integer.parseInt(port);
    }
    if (host.startsWith("[") && host.endsWith("]") && host.length() > 2
        && host.substring(1, host.length() - 1).matches("[0-9a-fA-F:.]+") && host.contains(":")) {
      return host.toLowerCase(java.util.Locale.ROOT) + ":" + Integer.parseInt(port);
    }
    try {
      return HostNames.requireDnsName("dest host", host) + ":" + Integer.parseInt(port);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(bad);
    }
  }

  static Credentials withNewKeys(SecureRandom random, Credentials settings) {
    Map<String, String> m = new HashMap<>(settings.values());
    m.putAll(keys(random));
    return new Credentials(m);
  }

  static boolean isReality(Credentials s) {
    return core(s).equals("xray");
  }

  static String core(Credentials s) {
    return s.values().getOrDefault(CORE, "xray");
  }

  /** Template variables shared by server and client templates. */
  static Map<String, Object> variables(ServerSpec server) {
    Credentials s = server.settings();
    Map<String, Object> v = new HashMap<>();
    v.put("inboundTag", VlessDriver.INBOUND_TAG);
    v.put("listen", server.setting(LISTEN, "0.0.0.0"));
    v.put("port", server.port());
    v.put("apiPort", Integer.parseInt(server.setting(API_PORT, "10085")));
    // the API's Unix socket, set by the container side at deploy; empty: the API listens on loopback at apiPort
    v.put("apiSocket", server.setting("apiSocket", ""));
    if (isReality(s)) {
      for (String k : List.of(SNI, DEST, FINGERPRINT, FLOW, SHORT_ID)) {
        v.put(k, s.get(k));
      }
      v.put("privateKey", s.get(PRIVATE_KEY));
      v.put("publicKey", s.get(PUBLIC_KEY));
    }
    return v;
  }

  private static Map<String, String> keys(SecureRandom random) {
    X25519.RawKeyPair keys = X25519.generate(random);
    byte[] sid = new byte[8];
    random.nextBytes(sid);
    return Map.of(PRIVATE_KEY, keys.privateBase64Url(), PUBLIC_KEY, keys.publicBase64Url(),
        SHORT_ID, HexFormat.of().formatHex(sid));
  }
}
