package dev.vpnmanager.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.chat.ChatUpdate;
import dev.vpnmanager.chat.Platform;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.testing.ChatDriver;
import dev.vpnmanager.testing.Cli;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.user.NewUser;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** audit list, /audit (paged) and /whoami. */
class AuditReadTest {
  @TempDir Path dir;

  @Test
  void cliFiltersByUserActorAndSince() throws Exception {
    Cli cli = new Cli(dir);
    cli.run("users", "add", "alice", "--protocol", "vless");
    cli.run("users", "add", "bob", "--protocol", "vless");
    cli.run("users", "suspend", "alice");
    Cli.Result all = cli.run("audit", "list");
    assertEquals(0, all.code(), all.err());
    assertTrue(all.out().startsWith("WHEN"), all.out());
    JsonNode alice = new ObjectMapper().readTree(cli.run("audit", "list", "--user", "alice", "--format", "json").out());
    assertEquals(2, alice.size(), alice.toString());
    assertEquals("user.suspended", alice.get(0).get("action").asText());
    assertEquals("cli", alice.get(0).get("channel").asText());
    assertTrue(alice.get(0).get("at").asText().endsWith("Z"), "ISO in JSON");
    assertEquals("", cli.run("audit", "list", "--actor", "telegram:1", "--format", "plain").out());
    assertEquals(3, cli.run("audit", "list", "--actor", "cli", "--since", "1h", "--format", "plain").out()
        .lines().filter(l -> l.contains("\tuser.")).count());
    assertEquals("", cli.run("audit", "list", "--since", "2999-01-01", "--format", "plain").out());
    Cli.Result bad = cli.run("audit", "list", "--since", "last week");
    assertEquals(2, bad.code());
    assertTrue(bad.err().startsWith("error: invalid --since"), bad.err());
  }

  @Test
  void chatAuditPagesAndWhoami() {
    AppComponent app = TestApp.create(dir, Clock.systemUTC(), Map.of("admins", "telegram:100"));
    for (int i = 0; i < 12; i++) {
      app.users().add(Actor.cli(), NewUser.of("user" + (10 + i), "vless"));
    }
    ChatDriver admin = new ChatDriver(app.router(), Platform.TELEGRAM, "100", "100");
    Reply first = admin.say("/audit");
    assertTrue(first.allText().startsWith("📜 Audit log — page 1 of 2"), first.allText());
    assertTrue(first.allText().contains("user.add user21"), first.allText());
    Reply second = admin.press("Older");
    assertTrue(second.allText().contains("page 2 of 2"), second.allText());
    assertTrue(admin.say("/audit user10").allText().contains("Audit log of user10 — page 1 of 1"));
    assertTrue(admin.say("/audit ../x").allText().startsWith("⚠️"));

    Reply stranger = app.router().route(ChatUpdate.text(Platform.TELEGRAM, "555", "555", "/audit"));
    assertTrue(stranger.allText().contains("admins only"));
    Reply who = app.router().route(ChatUpdate.text(Platform.TELEGRAM, "555", "555", "/whoami"));
    assertTrue(who.allText().contains("You are telegram:555"), who.allText());
    assertTrue(who.allText().contains("role: guest"), who.allText());
    assertTrue(admin.say("/whoami").allText().contains("role: admin"));
    assertTrue(ChatDriver.owner(app.router()).say("/whoami").allText().contains("owner"));
    assertFalse(ChatDriver.owner(app.router()).say("/help").allText().contains("/myconfig"),
        "the console's /help lists only what the owner can use there");
  }
}
