package dev.vpnmanager.http.sub;

import static dev.vpnmanager.http.HttpClientSupport.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.config.Json;
import dev.vpnmanager.testing.FakeClock;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.user.NewUser;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /sub/{token}: every format against the user's own link, the headers, cut users, rotation, wrong tokens. */
class SubscriptionHttpTest {
  static final Path SING_BOX = Path.of(System.getenv().getOrDefault("VPN_TEST_SINGBOX", "/opt/peers/bin/sing-box"));
  @TempDir Path dir;
  AppComponent app;
  FakeClock clock;
  String base;

  @BeforeEach
  void start() {
    clock = FakeClock.at("2026-01-01T00:00:00Z");
    app = TestApp.create(dir, clock, Map.of("http.public-url", "https://vpn.example.test/",
        "http.support-url", "https://t.me/vpn_support", "vless.sni", "www.example.com", "vless.sni-check", "false"));
    app.webServer().start();
    base = app.webServer().localUrl();
    add("alice", "vless", 50_000_000_000L, Instant.parse("2026-02-01T00:00:00Z"));
    add("bob", "shadowsocks", 0, null);
    add("carol", "wireguard", 0, null);
    add("dave", "socks", 0, null);
    add("erin", "http", 0, null);
  }

  @AfterEach
  void stop() {
    app.webServer().close();
    app.database().shutdown(false, false);
  }

  private void add(String name, String protocol, long limit, Instant expires) {
    app.users().add(Actor.cli(), new NewUser(name, protocol, null, limit, expires, null, null));
  }

  private String token(String name) {
    String url = app.subscriptionTokens().urlFor(name);
    assertTrue(url.startsWith("https://vpn.example.test/sub/"), url);
    return url.substring(url.lastIndexOf('/') + 1);
  }

  private String link(String name) {
    return app.configDelivery().configFor(name).link();
  }

  @Test
  void tokensAreLongOnlyHashedStoredAndStableUntilRotated() throws Exception {
    String t = token("alice");
    assertEquals(43, t.length());
    assertEquals(t, token("alice"));
    assertNotEquals(t, token("bob"));
    String stored = app.database().sqlQuery("select token_hash from subscription_token where token_hash = :h")
        .setParameter("h", SubscriptionTokens.sha256(t)).findOne().getString("token_hash");
    assertEquals(64, stored.length());
    assertEquals(0, app.database().sqlQuery("select count(*) as n from subscription_token where token_hash like :t")
        .setParameter("t", "%" + t + "%").findOne().getInteger("n"));
    assertFalse(Files.exists(dir.resolve("subscription.key")), "the key lives in the database");
    String fresh = app.subscriptionTokens().rotate(Actor.cli(), "alice");
    assertFalse(fresh.endsWith(t));
    assertEquals(404, get(base + "/sub/" + t).statusCode());
    assertEquals(200, get(fresh.replace("https://vpn.example.test", base)).statusCode());
  }

  @Test
  void base64ListDecodesToTheExactLinkAndHeadersAreExact() {
    for (String ua : List.of("v2rayNG/1.9.16", "v2rayN/7.0", "Streisand/1.6", "Shadowrocket/2070", "NekoBox/1.3",
        "curl/8.0")) {
      HttpResponse<String> r = get(base + "/sub/" + token("alice"), "User-Agent", ua);
      assertEquals(200, r.statusCode(), ua);
      assertEquals(link("alice"), new String(Base64.getDecoder().decode(r.body()), StandardCharsets.UTF_8), ua);
    }
    HttpResponse<String> r = get(base + "/sub/" + token("alice"), "User-Agent", "v2rayNG/1.9.16");
    assertEquals("upload=0; download=0; total=50000000000; expire=" + Instant.parse("2026-02-01T00:00:00Z")
        .getEpochSecond(), r.headers().firstValue("subscription-userinfo").orElseThrow());
    assertEquals("12", r.headers().firstValue("profile-update-interval").orElseThrow());
    assertEquals("VPN alice", r.headers().firstValue("profile-title").orElseThrow());
    assertEquals("attachment; filename=\"alice.txt\"", r.headers().firstValue("content-disposition").orElseThrow());
    assertEquals("https://t.me/vpn_support", r.headers().firstValue("support-url").orElseThrow());
    assertEquals("https://vpn.example.test/sub/" + token("alice"),
        r.headers().firstValue("profile-web-page-url").orElseThrow());
    assertEquals("upload=0; download=0; total=0; expire=0", get(base + "/sub/" + token("bob"))
        .headers().firstValue("subscription-userinfo").orElseThrow());
    for (String name : List.of("bob", "carol", "dave", "erin")) {
      assertEquals(link(name) + "\n", get(base + "/sub/" + token(name) + "?format=links").body(), name);
      assertEquals(link(name), new String(Base64.getDecoder().decode(get(base + "/sub/" + token(name)).body()),
          StandardCharsets.UTF_8), name);
    }
  }

  @Test
  void singBoxJsonPassesSingBoxCheckForEveryProtocol() throws Exception {
    for (String name : List.of("alice", "bob", "carol", "dave", "erin")) {
      HttpResponse<String> r = get(base + "/sub/" + token(name), "User-Agent", "SFA/1.11.0 (sing-box 1.11.0)");
      assertEquals(200, r.statusCode());
      assertTrue(r.headers().firstValue("content-type").orElseThrow().startsWith("application/json"));
      assertEquals(r.body(), get(base + "/sub/" + token(name), "User-Agent", "HiddifyNext/2.5").body());
      JsonNode json = Json.MAPPER.readTree(r.body());
      assertEquals(name, json.path("route").path("final").asText());
      if (Files.isExecutable(SING_BOX)) {
        Path f = dir.resolve(name + ".json");
        Files.writeString(f, r.body());
        Process p = new ProcessBuilder(SING_BOX.toString(), "check", "-c", f.toString()).redirectErrorStream(true)
            .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        // a sing-box built without with_wireguard reads the endpoint (the JSON is checked) but cannot start it
        boolean noWireguardInBuild = out.contains("WireGuard is not included in this build");
        assertTrue(p.exitValue() == 0 || (name.equals("carol") && noWireguardInBuild),
            name + ": " + out + "\n" + r.body());
      }
    }
    JsonNode vless = Json.MAPPER.readTree(get(base + "/sub/" + token("alice") + "?format=singbox").body())
        .path("outbounds").get(0);
    assertEquals("vless", vless.path("type").asText());
    assertTrue(link("alice").contains(vless.path("uuid").asText()));
    assertTrue(link("alice").contains("pbk=" + vless.path("tls").path("reality").path("public_key").asText()));
  }

  @Test
  void clashYamlParsesWithMihomoFieldNames() throws Exception {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    Map<String, Set<String>> expected = Map.of(
        "alice", Set.of("name", "type", "server", "port", "uuid", "network", "udp", "tls", "flow", "servername",
            "client-fingerprint", "reality-opts"),
        "bob", Set.of("name", "type", "server", "port", "cipher", "password", "udp"),
        "carol", Set.of("name", "type", "server", "port", "ip", "private-key", "public-key", "pre-shared-key",
            "allowed-ips", "mtu", "udp"),
        "dave", Set.of("name", "type", "server", "port", "username", "password", "udp"),
        "erin", Set.of("name", "type", "server", "port", "username", "password"));
    for (String name : expected.keySet()) {
      HttpResponse<String> r = get(base + "/sub/" + token(name), "User-Agent", "clash-verge/v2.0.3");
      assertEquals(200, r.statusCode());
      JsonNode root = yaml.readTree(r.body());
      JsonNode proxy = root.path("proxies").get(0);
      Set<String> fields = new java.util.HashSet<>();
      proxy.fieldNames().forEachRemaining(fields::add);
      assertEquals(expected.get(name), fields, name + "\n" + r.body());
      assertEquals(name, root.path("proxy-groups").get(0).path("proxies").get(0).asText());
      assertEquals("MATCH,VPN", root.path("rules").get(0).asText());
      assertEquals(r.body(), get(base + "/sub/" + token(name), "User-Agent", "mihomo/1.19").body());
      assertEquals(r.body(), get(base + "/sub/" + token(name), "User-Agent", "FlClash/v0.8").body());
    }
    JsonNode alice = yaml.readTree(get(base + "/sub/" + token("alice") + "?format=clash").body()).path("proxies")
        .get(0);
    assertEquals("vless", alice.path("type").asText());
    assertTrue(link("alice").contains("sid=" + alice.path("reality-opts").path("short-id").asText()));
    assertEquals("ss", yaml.readTree(get(base + "/sub/" + token("bob") + "?format=clash").body()).path("proxies")
        .get(0).path("type").asText());
  }

  @Test
  void outlineAndWireguardFormsFitTheirProtocols() throws Exception {
    HttpResponse<String> outline = get(base + "/sub/" + token("bob"), "User-Agent", "Outline/1.12 (Android)");
    JsonNode key = Json.MAPPER.readTree(outline.body());
    assertEquals(Set.of("server", "server_port", "password", "method"),
        Set.copyOf(com.google.common.collect.Lists.newArrayList(key.fieldNames())));
    assertTrue(link("bob").contains("@" + key.path("server").asText() + ":" + key.path("server_port").asInt()));
    assertEquals(400, get(base + "/sub/" + token("alice") + "?format=outline").statusCode());
    HttpResponse<String> wg = get(base + "/sub/" + token("carol") + "?format=wireguard");
    assertEquals(new String(app.configDelivery().configFor("carol").file(), StandardCharsets.UTF_8), wg.body());
    assertEquals("attachment; filename=\"carol.conf\"", wg.headers().firstValue("content-disposition").orElseThrow());
    assertEquals(400, get(base + "/sub/" + token("carol") + "?format=nonsense").statusCode());
  }

  @Test
  void aCutUserSeesWhyAndGetsNoCredentials() throws Exception {
    String t = token("alice");
    String uuid = link("alice").substring("vless://".length(), link("alice").indexOf('@'));
    app.users().suspend(Actor.cli(), "alice", "unpaid");
    HttpResponse<String> r = get(base + "/sub/" + t, "User-Agent", "v2rayNG/1.9");
    assertEquals(200, r.statusCode());
    assertEquals("VPN alice (suspended: unpaid)", r.headers().firstValue("profile-title").orElseThrow());
    String decoded = new String(Base64.getDecoder().decode(r.body()), StandardCharsets.UTF_8);
    assertTrue(decoded.startsWith(Subscriptions.PLACEHOLDER), decoded);
    assertTrue(decoded.endsWith("#VPN%20alice%20%28suspended%3A%20unpaid%29"), decoded);
    for (String f : List.of("base64", "links", "singbox", "clash")) {
      String body = get(base + "/sub/" + t + "?format=" + f).body();
      assertFalse(body.contains(uuid), f);
    }
    assertEquals(403, get(base + "/sub/" + t + "?format=wireguard").statusCode());
    clock.set(Instant.parse("2026-03-01T00:00:00Z"));
    app.users().resume(Actor.cli(), "alice");
    HttpResponse<String> expired = get(base + "/sub/" + t + "?format=clash");
    assertEquals("VPN alice (expired)", expired.headers().firstValue("profile-title").orElseThrow());
    assertTrue(expired.body().contains("127.0.0.1"), expired.body());
  }

  @Test
  void aWrongTokenIsAPlain404ThatRevealsNothing() {
    String good = token("alice");
    String almost = good.substring(0, 42) + (good.charAt(42) == 'A' ? 'B' : 'A');
    for (String t : List.of(almost, "x", "%2e%2e%2fadmin", "A".repeat(43), "A".repeat(5000), good + "/x")) {
      HttpResponse<String> r = get(base + "/sub/" + t, "Accept", "text/html");
      assertEquals(404, r.statusCode(), t);
      assertEquals("not found\n", r.body(), t);
      assertTrue(r.headers().firstValue("profile-title").isEmpty());
    }
    // Jetty refuses an ambiguous path itself: a plain 400, nothing from the file system
    for (String t : List.of("../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "%2e%2e/%2e%2e/etc/passwd")) {
      HttpResponse<String> r = get(base + "/sub/" + t, "Accept", "text/html");
      assertTrue(r.statusCode() == 400 || r.statusCode() == 404, t + " " + r.statusCode());
      assertTrue(r.body().equals("bad request\n") || r.body().equals("not found\n"), t + ": " + r.body());
      assertTrue(r.headers().firstValue("profile-title").isEmpty());
    }
  }
}
