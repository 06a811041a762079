package dev.vpnmanager.api;

import static dev.vpnmanager.http.HttpClientSupport.get;
import static dev.vpnmanager.http.HttpClientSupport.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.config.Json;
import dev.vpnmanager.domain.AuditEntry;
import dev.vpnmanager.testing.Cli;
import dev.vpnmanager.testing.FakeClock;
import dev.vpnmanager.testing.TestApp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin API: tokens, the CLI's validation and error codes, audit with channel api, rate limit, OpenAPI. */
class AdminApiTest {
  static final Path SCHEMATHESIS = Path.of(System.getenv().getOrDefault("VPN_TEST_SCHEMATHESIS",
      "/opt/vpn-manager-peers/schemathesis/bin/schemathesis"));
  @TempDir Path dir;
  AppComponent app;
  String base;
  String admin;
  String reader;

  @BeforeEach
  void start() {
    app = TestApp.create(dir, FakeClock.at("2026-01-01T00:00:00Z"), Map.of("http.public-url",
        "https://vpn.example.test", "vless.sni", "www.example.com", "vless.sni-check", "false",
        "api.rate-per-minute", "1000", "docker.host", "tcp://127.0.0.1:9"));
    app.webServer().start();
    base = app.webServer().localUrl();
    admin = app.apiTokens().create(Actor.cli(), "ci-bot", false);
    reader = app.apiTokens().create(Actor.cli(), "grafana", true);
  }

  @AfterEach
  void stop() {
    app.webServer().close();
    app.database().shutdown(false, false);
  }

  private HttpResponse<String> call(String method, String path, String token, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b.header("Content-Type", "application/json").build());
  }

  private static String error(HttpResponse<String> r) throws Exception {
    return Json.MAPPER.readTree(r.body()).path("error").asText();
  }

  @Test
  void usersLifecycleWithTheCliErrorCodesAndAudit() throws Exception {
    assertEquals(401, call("GET", "/api/v1/users", null, null).statusCode());
    assertEquals(401, call("GET", "/api/v1/users", "vpnm_" + "x".repeat(43), null).statusCode());
    HttpResponse<String> created = call("POST", "/api/v1/users", admin,
        "{\"username\":\"alice\",\"protocol\":\"vless\",\"limit\":\"50GB\",\"expires\":\"30d\"}");
    assertEquals(201, created.statusCode(), created.body());
    JsonNode alice = Json.MAPPER.readTree(created.body());
    assertEquals(50_000_000_000L, alice.path("limitBytes").asLong());
    assertEquals(app.subscriptionTokens().urlFor("alice"), alice.path("subscriptionUrl").asText());
    assertTrue(alice.path("credentials").isMissingNode());

    HttpResponse<String> bad = call("POST", "/api/v1/users", admin, "{\"username\":\"x\",\"protocol\":\"vless\"}");
    assertEquals(400, bad.statusCode());
    Cli.Result cli = new Cli(dir).run("users", "add", "x", "--protocol", "vless");
    assertEquals("error: " + error(bad), cli.err().trim(), "the same message as the CLI");
    assertEquals(400, call("POST", "/api/v1/users", admin, "{\"username\":\"bob\",\"protocol\":\"vless\","
        + "\"limit\":\"lots\"}").statusCode());
    assertEquals(400, call("POST", "/api/v1/users", admin, "not json").statusCode());
    HttpResponse<String> dup = call("POST", "/api/v1/users", admin, "{\"username\":\"alice\",\"protocol\":\"vless\"}");
    assertEquals(409, dup.statusCode(), dup.body());
    assertEquals(404, call("GET", "/api/v1/users/nobody", admin, null).statusCode());
    assertEquals("no user named 'nobody'", error(call("GET", "/api/v1/users/nobody", admin, null)));

    assertEquals("suspended", Json.MAPPER.readTree(call("POST", "/api/v1/users/alice/suspend", admin,
        "{\"reason\":\"unpaid\"}").body()).path("status").asText());
    assertEquals(409, call("POST", "/api/v1/users/alice/suspend", admin, null).statusCode());
    assertEquals("active", Json.MAPPER.readTree(call("POST", "/api/v1/users/alice/resume", admin, null).body())
        .path("status").asText());
    assertEquals(200, call("POST", "/api/v1/users/alice/renew", admin, "{\"days\":10,\"addTraffic\":\"5GB\"}")
        .statusCode());
    assertEquals(400, call("POST", "/api/v1/users/alice/renew", admin, "{}").statusCode());
    assertEquals(200, call("POST", "/api/v1/users/alice/reset-traffic", admin, null).statusCode());
    assertEquals(200, call("POST", "/api/v1/users/alice/rotate", admin, null).statusCode());
    String newSub = Json.MAPPER.readTree(call("POST", "/api/v1/users/alice/sub-rotate", admin, null).body())
        .path("subscriptionUrl").asText();
    JsonNode config = Json.MAPPER.readTree(call("GET", "/api/v1/users/alice/config", admin, null).body());
    assertEquals(app.configDelivery().configFor("alice").link(), config.path("link").asText());
    assertEquals(newSub, config.path("subscriptionUrl").asText());
    JsonNode page = Json.MAPPER.readTree(call("GET", "/api/v1/users?status=active&search=al&page=0&size=10", admin,
        null).body());
    assertEquals(1, page.path("total").asInt());
    assertEquals(400, call("GET", "/api/v1/users?size=0", admin, null).statusCode());
    assertEquals(400, call("GET", "/api/v1/users?status=sleeping", admin, null).statusCode());

    assertEquals(403, call("POST", "/api/v1/users/alice/suspend", reader, null).statusCode());
    assertEquals(200, call("GET", "/api/v1/users/alice", reader, null).statusCode());
    assertEquals(200, call("GET", "/api/v1/servers", reader, null).statusCode());
    assertEquals(404, call("POST", "/api/v1/servers/nope/start", admin, null).statusCode());
    assertEquals(204, call("DELETE", "/api/v1/users/alice", admin, null).statusCode());
    assertEquals(404, call("DELETE", "/api/v1/users/alice", admin, null).statusCode());

    long apiEntries = app.database().find(AuditEntry.class).where().eq("channel", "api").eq("actor", "ci-bot")
        .findCount();
    assertTrue(apiEntries >= 8, "changes audited with channel api: " + apiEntries);
    JsonNode audit = Json.MAPPER.readTree(call("GET", "/api/v1/audit?limit=5", reader, null).body());
    assertEquals("user.delete", audit.path("items").get(0).path("action").asText());
    assertTrue(app.database().find(AuditEntry.class).where().eq("channel", "api").eq("action", "api.read")
        .findCount() >= 8, "every read leaves an audit line too");
  }

  @Test
  void eachTokenHasARateLimitAndRevokedTokensStopAtOnce() throws Exception {
    AppComponent small = TestApp.create(dir.resolve("small"), FakeClock.at("2026-01-01T00:00:00Z"),
        Map.of("api.rate-per-minute", "3"));
    small.webServer().start();
    try {
      String t = small.apiTokens().create(Actor.cli(), "bot", true);
      String other = small.apiTokens().create(Actor.cli(), "bot2", true);
      String url = small.webServer().localUrl() + "/api/v1/servers";
      for (int i = 0; i < 3; i++) {
        assertEquals(200, get(url, "Authorization", "Bearer " + t).statusCode());
      }
      assertEquals(429, get(url, "Authorization", "Bearer " + t).statusCode());
      assertEquals(200, get(url, "Authorization", "Bearer " + other).statusCode());
      small.apiTokens().revoke(Actor.cli(), "bot2");
      assertEquals(401, get(url, "Authorization", "Bearer " + other).statusCode());
      assertTrue(small.apiTokens().list().stream().noneMatch(r -> r.name().equals("bot2")));
      String hash = small.database().sqlQuery("select token_hash from api_token").findOne().getString("token_hash");
      assertEquals(ApiTokens.sha256(t), hash, "only the hash is stored");
    } finally {
      small.webServer().close();
      small.database().shutdown(false, false);
    }
  }

  @Test
  void theOpenApiDocumentListsExactlyTheRoutes() throws Exception {
    HttpResponse<String> r = get(base + "/api/v1/openapi.json");
    assertEquals(200, r.statusCode());
    JsonNode doc = Json.MAPPER.readTree(r.body());
    assertEquals("3.0.3", doc.path("openapi").asText());
    Set<String> documented = new HashSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      p.getValue().fieldNames().forEachRemaining(m -> documented.add(m.toUpperCase() + " " + p.getKey()));
    }
    assertEquals(Set.copyOf(ApiRoutes.OPERATIONS), documented);
  }

  /**
   * Schemathesis against the document, with a user in the database. Server actions need a container engine;
   * with none reachable their documented answer is 503, so they are fuzzed for conformance only, and everything
   * else also for "no 5xx".
   */
  @Test
  void schemathesisFindsNoServerErrorAndNoNonConformingResponse() throws Exception {
    assumeTrue(Files.isExecutable(SCHEMATHESIS) || Boolean.getBoolean("vpn.requirePeers"), "schemathesis missing");
    app.users().add(Actor.cli(), new dev.vpnmanager.user.NewUser("alice", "vless", null, 0, null, null, null));
    String conformance = "status_code_conformance,content_type_conformance,response_schema_conformance";
    schemathesis("all-but-server-actions", "--exclude-path-regex", "^/api/v1/servers/",
        "--checks", "not_a_server_error," + conformance);
    schemathesis("server-actions", "--include-path-regex", "^/api/v1/servers/", "--checks", conformance);
  }

  private void schemathesis(String label, String... args) throws Exception {
    java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(SCHEMATHESIS.toString(), "run",
        base + "/api/v1/openapi.json", "--url", base, "-H", "Authorization: Bearer " + admin, "--max-examples", "30",
        "--seed", "1", "--no-color"));
    cmd.addAll(java.util.List.of(args));
    // schemathesis keeps a cache in its working directory: keep it out of the source tree
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(600, TimeUnit.SECONDS), "schemathesis hung");
    Files.writeString(Path.of("target", "schemathesis-" + label + ".txt"), out);
    assertEquals(0, p.exitValue(), label + ":\n" + out);
  }
}
