package dev.vpnmanager.http.sub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vpnmanager.config.Json;
import dev.vpnmanager.testing.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** users config --format sub, users sub-rotate, subscriptionUrl in users show/list --format json. */
class SubscriptionCliTest {
  @TempDir Path dir;

  @Test
  void theUrlIsPrintedRotatedAndShownInJson() throws Exception {
    Cli cli = new Cli(dir).env("VPN_HTTP_PUBLIC_URL", "https://vpn.example.test").env("VPN_VLESS_SNI_CHECK", "false");
    assertEquals(0, cli.run("users", "add", "alice", "--protocol", "vless").code());
    Cli.Result sub = cli.run("users", "config", "alice", "--format", "sub");
    assertEquals(0, sub.code(), sub.err());
    String url = sub.out().trim();
    assertTrue(url.matches("https://vpn\\.example\\.test/sub/[A-Za-z0-9_-]{43}"), url);
    assertEquals(url, cli.run("users", "config", "alice", "--format", "sub").out().trim());
    JsonNode shown = Json.MAPPER.readTree(cli.run("users", "show", "alice", "--format", "json").out());
    assertEquals(url, shown.path("subscriptionUrl").asText());
    assertEquals("alice", shown.path("username").asText());
    JsonNode listed = Json.MAPPER.readTree(cli.run("users", "list", "--format", "json").out());
    assertEquals(url, listed.get(0).path("subscriptionUrl").asText());

    Cli.Result rotated = cli.run("users", "sub-rotate", "alice");
    assertEquals(0, rotated.code(), rotated.err());
    assertNotEquals(url, rotated.out().trim());
    assertEquals(rotated.out().trim(), cli.run("users", "config", "alice", "--format", "sub").out().trim());
    var app = dev.vpnmanager.testing.TestApp.create(dir);
    assertEquals(1, app.database().find(dev.vpnmanager.domain.AuditEntry.class).where()
        .eq("action", "user.sub-rotate").eq("target", "alice").findCount());
    app.database().shutdown(false, false);

    Cli.Result missing = cli.run("users", "sub-rotate", "nobody");
    assertEquals(2, missing.code());
    assertEquals("error: no user named 'nobody'", missing.err().trim());
  }
}
