package dev.vpnmanager.http;

import static dev.vpnmanager.http.HttpClientSupport.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.config.Json;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.user.NewUser;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /healthz, /readyz naming what is not ready, /metrics in the text format promtool accepts, behind its token. */
class HealthAndMetricsTest {
  @TempDir Path dir;

  @Test
  void probesSayAliveAndNameWhatIsNotReady() throws Exception {
    AppComponent app = TestApp.create(dir, Clock.systemUTC(), Map.of("docker.host", "tcp://127.0.0.1:9"));
    app.webServer().start();
    try {
      String base = app.webServer().localUrl();
      HttpResponse<String> alive = get(base + "/healthz");
      assertEquals(200, alive.statusCode());
      assertEquals("alive", Json.MAPPER.readTree(alive.body()).path("status").asText());
      HttpResponse<String> notReady = get(base + "/readyz");
      assertEquals(503, notReady.statusCode());
      JsonNode body = Json.MAPPER.readTree(notReady.body());
      assertEquals("not ready", body.path("status").asText());
      assertEquals("ok", body.path("checks").path("database").asText());
      assertEquals("not running", body.path("checks").path("scheduler").asText());
      assertTrue(body.path("checks").path("docker").asText().startsWith("unreachable"), notReady.body());
      assertEquals("[\"scheduler\",\"docker\"]", body.path("failing").toString());
    } finally {
      app.webServer().close();
      app.database().shutdown(false, false);
    }
  }

  @Test
  void metricsAreValidPrometheusTextAndNeedTheTokenWhenSet() throws Exception {
    AppComponent app = TestApp.create(dir, Clock.systemUTC(), Map.of("http.metrics-token", "s3cret-metrics",
        "vless.sni", "www.example.com", "vless.sni-check", "false"));
    app.users().add(Actor.cli(), new NewUser("alice", "vless", null, 0, null, null, null));
    app.users().add(Actor.cli(), new NewUser("bob", "vless", null, 0, null, null, null));
    app.users().add(Actor.cli(), new NewUser("carol", "wireguard", null, 0, null, null, null));
    app.users().suspend(Actor.cli(), "bob", null);
    app.webServer().start();
    try {
      String base = app.webServer().localUrl();
      assertEquals(401, get(base + "/metrics").statusCode());
      assertEquals(401, get(base + "/metrics", "Authorization", "Bearer wrong").statusCode());
      HttpResponse<String> r = get(base + "/metrics", "Authorization", "Bearer s3cret-metrics");
      assertEquals(200, r.statusCode());
      String text = r.body();
      assertTrue(text.contains("vpn_users{protocol=\"vless\",status=\"active\"} 1"), text);
      assertTrue(text.contains("vpn_users{protocol=\"vless\",status=\"suspended\"} 1"), text);
      assertTrue(text.contains("vpn_users{protocol=\"wireguard\",status=\"active\"} 1"), text);
      assertTrue(text.contains("vpn_server_used_bytes{server=\"vless-1\"} 0"), text);
      assertTrue(text.contains("jvm_memory_used_bytes"), text);
      Path promtool = Path.of("/usr/bin/promtool");
      if (Files.isExecutable(promtool)) {
        Process p = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        p.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
      }
    } finally {
      app.webServer().close();
      app.database().shutdown(false, false);
    }
  }
}
