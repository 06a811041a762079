package dev.vpnmanager.protocol.vless;

import dev.vpnmanager.protocol.CredentialRequest;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.protocol.Exec;
import dev.vpnmanager.protocol.Fixtures;
import dev.vpnmanager.protocol.ServerDefaults;
import dev.vpnmanager.protocol.ServerSpec;
import dev.vpnmanager.protocol.UserSpec;
import dev.vpnmanager.protocol.X25519;
import dev.vpnmanager.testing.Peers;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VlessDriverTest {
  static final ObjectMapper JSON = new ObjectMapper();
  final VlessDriver driver = new VlessDriver(new SniProbe());

  /** The golden server: keys generated once with `X25519` and written out literally. */
  static ServerSpec goldenServer() {
    return new ServerSpec("vless-1", "vless", "vpn.example.com", 443, Credentials.of(
        "core", "xray", "apiPort", "10085", "listen", "0.0.0.0",
        "realityPrivateKey", "KSOVsMIJf-kq5JPMqYzZH_Rw0i6v318yILROkVd_eTY",
        "realityPublicKey", "XaENZ1K7Q_2rA00Yi1-czZaOsc-CXOmPsj4Kw5IlWQQ",
        "shortId", "6ba85179e30d4fc2", "sni", "www.microsoft.com", "dest", "www.microsoft.com:443",
        "fingerprint", "chrome", "flow", "xtls-rprx-vision"));
  }

  static List<UserSpec> goldenUsers() {
    return List.of(
        new UserSpec("alice", Credentials.of("uuid", "5783a3e7-e373-51cd-8642-c83782b807c5")),
        new UserSpec("bob", Credentials.of("uuid", "0c1a7a64-4ad0-4f7f-9d6c-5e2b0f4c2f11")));
  }

  @Test
  void xrayServerConfigEqualsTheReviewedGoldenFile() throws Exception {
    String rendered = driver.serverConfig(goldenServer(), goldenUsers()).content();
    assertEquals(golden("xray/vless-server.json"), rendered);
  }

  @Test
  void xrayClientConfigEqualsTheReviewedGoldenFile() throws Exception {
    String rendered = driver.clientConfig(goldenServer(), goldenUsers().get(0)).fileText();
    assertEquals(golden("xray/vless-client.json"), rendered);
  }

  @Test
  void xrayServerConfigHasEveryRealityFieldXrayNeeds() throws Exception {
    JsonNode root = JSON.readTree(driver.serverConfig(goldenServer(), goldenUsers()).content());
    JsonNode in = root.path("inbounds").get(0);
    assertEquals("vless", in.path("protocol").asText());
    assertEquals(VlessDriver.INBOUND_TAG, in.path("tag").asText());
    assertEquals("none", in.path("settings").path("decryption").asText());
    JsonNode alice = in.path("settings").path("clients").get(0);
    assertEquals("5783a3e7-e373-51cd-8642-c83782b807c5", alice.path("id").asText());
    assertEquals("alice", alice.path("email").asText());
    assertEquals("xtls-rprx-vision", alice.path("flow").asText());
    JsonNode stream = in.path("streamSettings");
    assertEquals("tcp", stream.path("network").asText());
    assertEquals("reality", stream.path("security").asText());
    JsonNode r = stream.path("realitySettings");
    assertEquals("www.microsoft.com:443", r.path("dest").asText());
    assertEquals("www.microsoft.com", r.path("serverNames").get(0).asText());
    assertEquals("KSOVsMIJf-kq5JPMqYzZH_Rw0i6v318yILROkVd_eTY", r.path("privateKey").asText());
    assertEquals("6ba85179e30d4fc2", r.path("shortIds").get(0).asText());
    assertEquals("127.0.0.1:10085", root.path("api").path("listen").asText());
    assertTrue(root.path("policy").path("levels").path("0").path("statsUserUplink").asBoolean());
  }

  @Test
  void goldenKeysArePairsAndFreshSettingsToo() {
    for (Credentials s : List.of(goldenServer().settings(),
        driver.newServerSettings(Fixtures.random(1), new ServerDefaults("10.8.0.0/24", 443, Map.of())))) {
      byte[] priv = Base64.getUrlDecoder().decode(s.get("realityPrivateKey"));
      assertEquals(32, priv.length);
      assertArrayEquals(Base64.getUrlDecoder().decode(s.get("realityPublicKey")), X25519.publicKeyOf(priv));
      assertTrue(s.get("shortId").matches("[0-9a-f]{16}"));
    }
  }

  @Test
  void linkParsesBackToTheSameParameters() {
    ServerSpec s = goldenServer();
    UserSpec alice = goldenUsers().get(0);
    URI u = URI.create(driver.clientConfig(s, alice).link());
    assertEquals("vless", u.getScheme());
    assertEquals(alice.require("uuid"), u.getUserInfo());
    assertEquals("vpn.example.com", u.getHost());
    assertEquals(443, u.getPort());
    assertEquals("alice", u.getFragment());
    Map<String, String> q = query(u);
    assertEquals(Map.of("type", "tcp", "encryption", "none", "security", "reality",
        "pbk", s.settings().get("realityPublicKey"), "sid", "6ba85179e30d4fc2", "sni", "www.microsoft.com",
        "fp", "chrome", "flow", "xtls-rprx-vision"), q);
    assertEquals(u.toString(), driver.qrPayload(s, alice));
  }

  @Test
  void v2rayCoreLinkHasNoReality() {
    ServerSpec s = Fixtures.server(driver, "10.0.0.5", 8443, Map.of("core", "v2ray"));
    UserSpec u = Fixtures.users(driver, s, "carol").get(0);
    URI link = URI.create(driver.clientConfig(s, u).link());
    assertEquals(Map.of("type", "tcp", "encryption", "none", "security", "none"), query(link));
    assertThrows(InvalidInputException.class, () -> driver.rotateServerKeys(Fixtures.random(3), s.settings()));
  }

  @Test
  void v2rayCoreServerAndClientConfigsLoadInRealV2ray(@TempDir Path dir) throws Exception {
    Path v2ray = Peers.binary("v2ray", "v2ray");
    ServerSpec s = Fixtures.server(driver, "127.0.0.1", 24443, Map.of("core", "v2ray"));
    List<UserSpec> users = Fixtures.users(driver, s, "alice", "bob", "carol");
    Path server = dir.resolve("server.json");
    Files.writeString(server, driver.serverConfig(s, users).content());
    Exec.Result r = Exec.run(null, v2ray, "-test", "-config", server.toString());
    assertEquals(0, r.exit(), r.out());
    assertTrue(r.out().contains("Configuration OK"), r.out());
    Path client = dir.resolve("client.json");
    Files.writeString(client, driver.clientConfig(s, users.get(1)).fileText());
    Exec.Result c = Exec.run(null, v2ray, "-test", "-config", client.toString());
    assertEquals(0, c.exit(), c.out());
    // the check can fail: a config v2ray cannot load is reported
    Files.writeString(server, driver.serverConfig(s, users).content().replace("\"vless\"", "\"vlesss\""));
    assertNotEquals(0, Exec.run(null, v2ray, "-test", "-config", server.toString()).exit());
  }

  @Test
  void badInputIsRefusedWithAClearMessage() {
    InvalidInputException sni = assertThrows(InvalidInputException.class, () -> driver.newServerSettings(
        Fixtures.random(1), new ServerDefaults("10.8.0.0/24", 443, Map.of("sni", "bad_host..com"))));
    assertTrue(sni.getMessage().startsWith("invalid SNI 'bad_host..com'"), sni.getMessage());
    for (String bad : List.of("1.2.3.4", "localhost", "a b.com", "-x.com", "x.com:443")) {
      assertThrows(InvalidInputException.class, () -> driver.newServerSettings(Fixtures.random(1),
          new ServerDefaults("10.8.0.0/24", 443, Map.of("sni", bad))), bad);
    }
    assertThrows(InvalidInputException.class, () -> driver.newServerSettings(Fixtures.random(1),
        new ServerDefaults("10.8.0.0/24", 443, Map.of("core", "sing-box"))));
    assertThrows(InvalidInputException.class, () -> driver.newServerSettings(Fixtures.random(1),
        new ServerDefaults("10.8.0.0/24", 443, Map.of("fingerprint", "netscape"))));
    Credentials ok = driver.newServerSettings(Fixtures.random(1),
        new ServerDefaults("10.8.0.0/24", 443, Map.of("sni", "WWW.Example.ORG.", "sniCheck", "false")));
    assertEquals("www.example.org", ok.get("sni"));
    assertEquals("www.example.org:443", ok.get("dest"));
  }

  @Test
  void serverKeyRotationChangesKeysAndShortIdKeepsTheRest() {
    Credentials before = goldenServer().settings();
    Credentials after = driver.rotateServerKeys(Fixtures.random(9), before);
    assertNotEquals(before.get("realityPrivateKey"), after.get("realityPrivateKey"));
    assertNotEquals(before.get("realityPublicKey"), after.get("realityPublicKey"));
    assertNotEquals(before.get("shortId"), after.get("shortId"));
    assertEquals(before.get("sni"), after.get("sni"));
    assertArrayEquals(Base64.getUrlDecoder().decode(after.get("realityPublicKey")),
        X25519.publicKeyOf(Base64.getUrlDecoder().decode(after.get("realityPrivateKey"))));
  }

  @Test
  void rotatedUserGetsANewUuid() {
    ServerSpec s = goldenServer();
    UserSpec u = goldenUsers().get(0);
    Credentials fresh = driver.rotateCredentials(new CredentialRequest(Fixtures.random(5),
        "alice", s.settings(), dev.vpnmanager.protocol.Slots::of), u.credentials());
    assertNotEquals(u.require("uuid"), fresh.get("uuid"));
    assertTrue(fresh.get("uuid").matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
  }

  static Map<String, String> query(URI u) {
    Map<String, String> m = new HashMap<>();
    for (String kv : u.getRawQuery().split("&")) {
      String[] p = kv.split("=", 2);
      m.put(p[0], java.net.URLDecoder.decode(p[1], StandardCharsets.UTF_8));
    }
    return m;
  }

  @Test
  void realityKeysAreThePairsXrayComputes(@TempDir Path dir) throws Exception {
    Path xray = Peers.goPeer("xray");
    for (int seed = 1; seed <= 5; seed++) {
      Credentials s = driver.newServerSettings(Fixtures.random(seed), new ServerDefaults("10.8.0.0/24", 443, Map.of()));
      Exec.Result r = Exec.run(null, xray, "x25519", "-i", s.get("realityPrivateKey"));
      assertEquals(0, r.exit(), r.out());
      String pub = r.out().lines().filter(l -> l.contains("PublicKey") || l.startsWith("Public key"))
          .map(l -> l.substring(l.lastIndexOf(' ') + 1).trim()).findFirst().orElseThrow(() -> new AssertionError(r.out()));
      assertEquals(s.get("realityPublicKey"), pub, "xray x25519 -i " + s.get("realityPrivateKey"));
    }
    Credentials golden = goldenServer().settings();
    Exec.Result r = Exec.run(null, xray, "x25519", "-i", golden.get("realityPrivateKey"));
    assertTrue(r.out().contains(golden.get("realityPublicKey")), r.out());
  }

  @Test
  void destIsSniPort443UnlessGivenAndABadOneIsRefused() {
    Credentials d = driver.newServerSettings(Fixtures.random(3), new ServerDefaults("10.8.0.0/24", 443,
        Map.of("sni", "reality.test.example")));
    assertEquals("reality.test.example:443", d.get("dest"));
    Credentials e = driver.newServerSettings(Fixtures.random(3), new ServerDefaults("10.8.0.0/24", 443,
        Map.of("sni", "reality.test.example", "dest", "127.0.0.1:8443")));
    assertEquals("127.0.0.1:8443", e.get("dest"));
    assertEquals("[::1]:443", VlessSettings.requireDest("[::1]:443"));
    assertEquals("tls.example.com:8443", VlessSettings.requireDest("TLS.example.com:8443"));
    for (String bad : List.of("127.0.0.1", "host:0", "host:70000", "999.1.1.1:443", "not a host:443", ":443",
        "[zz]:443")) {
      assertThrows(InvalidInputException.class, () -> VlessSettings.requireDest(bad), bad);
    }
    assertThrows(InvalidInputException.class, () -> driver.checkServerOptions(new ServerDefaults("10.8.0.0/24", 443,
        Map.of("dest", "127.0.0.1:8443"))), "a dest without an SNI");
  }

  static String golden(String name) throws Exception {
    return Files.readString(Path.of(System.getProperty("vpn.projectDir", "."), "src/test/resources/golden", name));
  }
}
