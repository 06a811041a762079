package dev.vpnmanager.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vpnmanager.common.Cidr;
import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.protocol.proxy.ProxyDriver;
import dev.vpnmanager.protocol.shadowsocks.ShadowsocksDriver;
import dev.vpnmanager.protocol.vless.SniProbe;
import dev.vpnmanager.protocol.vless.VlessDriver;
import dev.vpnmanager.testing.Peers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every core's server config routes the private ranges to the blackhole, resolving names first (a name that
 * resolves to 127.0.0.1 is blocked too), and an allowed range goes direct before that rule. The configs load in
 * the real v2ray (and Xray, where its binary is on this machine).
 */
class LanWallTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path XRAY = Path.of("/opt/peers/bin/main");
  @TempDir Path dir;

  record Case(String name, ProtocolDriver driver, ServerSpec server, List<UserSpec> users) {}

  static List<Case> cases(String allowLan) {
    List<Case> out = new ArrayList<>();
    Map<String, String> common = new HashMap<>(Map.of("apiPort", "10085", "listen", "0.0.0.0"));
    if (allowLan != null) {
      common.put(LanWall.SETTING, allowLan);
    }
    Map<String, String> xray = new HashMap<>(common);
    xray.putAll(Map.of("core", "xray", "realityPrivateKey", "KSOVsMIJf-kq5JPMqYzZH_Rw0i6v318yILROkVd_eTY",
        "realityPublicKey", "XaENZ1K7Q_2rA00Yi1-czZaOsc-CXOmPsj4Kw5IlWQQ", "shortId", "6ba85179e30d4fc2",
        "sni", "www.microsoft.com", "dest", "www.microsoft.com:443", "fingerprint", "chrome",
        "flow", "xtls-rprx-vision"));
    Map<String, String> v2 = new HashMap<>(common);
    v2.put("core", "v2ray");
    Map<String, String> ss = new HashMap<>(v2);
    ss.put("method", "aes-256-gcm");
    UserSpec vless = new UserSpec("alice", Credentials.of("uuid", "5783a3e7-e373-41cd-8642-c83782b807c5"));
    UserSpec proxy = new UserSpec("alice", Credentials.of("username", "alice", "password", "pw-alice"));
    UserSpec ssUser = new UserSpec("alice", Credentials.of("port", "8388", "password", "pw-alice"));
    VlessDriver vd = new VlessDriver(new SniProbe());
    out.add(new Case("xray vless", vd, new ServerSpec("x", "vless", "h", 443, new Credentials(xray)), List.of(vless)));
    out.add(new Case("v2ray vless", vd, new ServerSpec("v", "vless", "h", 443, new Credentials(v2)), List.of(vless)));
    out.add(new Case("http", ProxyDriver.http(), new ServerSpec("h", "http", "h", 8080, new Credentials(common)),
        List.of(proxy)));
    out.add(new Case("socks", ProxyDriver.socks(), new ServerSpec("s", "socks", "h", 1080, new Credentials(common)),
        List.of(proxy)));
    out.add(new Case("v2ray shadowsocks", new ShadowsocksDriver(), new ServerSpec("s", "shadowsocks", "h", 8388,
        new Credentials(ss)), List.of(ssUser)));
    return out;
  }

  static JsonNode rule(JsonNode config, String outbound) {
    for (JsonNode r : config.path("routing").path("rules")) {
      if (r.path("outboundTag").asText().equals(outbound) && r.has("ip")) {
        return r;
      }
    }
    return null;
  }

  static List<String> ips(JsonNode rule) {
    List<String> out = new ArrayList<>();
    rule.path("ip").forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void everyCoreConfigSendsThePrivateRangesToTheBlackholeAfterResolvingNames() throws Exception {
    for (Case c : cases(null)) {
      JsonNode config = JSON.readTree(c.driver().serverConfig(c.server(), c.users()).content());
      JsonNode block = rule(config, "block");
      assertTrue(block != null, c.name() + ": a block rule");
      assertTrue(ips(block).containsAll(List.of("127.0.0.0/8", "::1/128", "0.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12",
          "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16", "fc00::/7", "fe80::/10")), c.name());
      assertEquals("IPIfNonMatch", config.path("routing").path("domainStrategy").asText(), c.name());
      assertEquals(null, rule(config, "direct"), c.name() + ": nothing allowed by default");
      boolean blackhole = false;
      for (JsonNode o : config.path("outbounds")) {
        blackhole |= o.path("tag").asText().equals("block") && o.path("protocol").asText().equals("blackhole");
      }
      assertTrue(blackhole, c.name());
    }
  }

  @Test
  void anAllowedRangeGoesDirectBeforeTheBlockRule() throws Exception {
    for (Case c : cases("127.0.0.1/32, 192.168.7.0/24")) {
      JsonNode config = JSON.readTree(c.driver().serverConfig(c.server(), c.users()).content());
      JsonNode direct = rule(config, "direct");
      assertEquals(List.of("127.0.0.1/32", "192.168.7.0/24"), ips(direct), c.name());
      List<JsonNode> rules = new ArrayList<>();
      config.path("routing").path("rules").forEach(rules::add);
      assertTrue(rules.indexOf(direct) < rules.indexOf(rule(config, "block")), c.name());
    }
  }

  @Test
  void theConfigsLoadInTheRealCores() throws Exception {
    Path v2ray = Peers.binary("v2ray", "v2ray");
    for (String allow : new String[] {null, "127.0.0.1/32,fd00::/8"}) {
      for (Case c : cases(allow)) {
        ServerConfig sc = c.driver().serverConfig(c.server(), c.users());
        Path f = dir.resolve("c.json");
        Files.writeString(f, sc.content());
        if (sc.core().equals("xray")) {
          if (Files.isExecutable(XRAY)) {
            Exec.Result r = Exec.run(null, XRAY, "run", "-test", "-c", f.toString());
            assertEquals(0, r.exit(), c.name() + ": " + r.out());
          }
        } else {
          Exec.Result r = Exec.run(null, v2ray, "-test", "-config", f.toString());
          assertEquals(0, r.exit(), c.name() + ": " + r.out());
        }
      }
    }
  }

  @Test
  void cidrsAreParsedStrictlyAndCutCleanly() {
    assertEquals("10.1.0.0/16", Cidr.parse("10.1.2.3/16").toString());
    assertEquals("127.0.0.1/32", Cidr.parse("127.0.0.1").toString());
    assertEquals("fd00::/8", Cidr.parse("fd12::1/8").toString());
    assertEquals("::1/128", Cidr.parse("::1").toString());
    for (String bad : new String[] {"", "localhost", "10.0.0.0/33", "1.2.3.4/-1", "::1/129", "1.2.3", "1.2.3.4/8 x",
        "::ffff:127.0.0.1", "0x7f.0.0.1", "300.1.1.1"}) {
      assertThrows(InvalidInputException.class, () -> Cidr.parse(bad), bad);
    }
    List<String> cut = LanWall.blockedMinus(Cidr.parseList("127.0.0.1/32"));
    assertFalse(cut.contains("127.0.0.0/8"));
    assertTrue(cut.contains("127.0.0.0/32") && cut.contains("127.128.0.0/9") && cut.contains("10.0.0.0/8"));
    for (String c : cut) {
      assertFalse(Cidr.parse(c).covers(Cidr.parse("127.0.0.1/32")), c);
    }
    assertEquals(LanWall.BLOCKED.size() - 1 + 24, cut.size(), "a /32 out of a /8 leaves 24 pieces");
    assertEquals(LanWall.BLOCKED.size() - 1, LanWall.blockedMinus(Cidr.parseList("10.0.0.0/8")).size());
  }
}
