package dev.vpnmanager.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.testing.ChatDriver;
import dev.vpnmanager.testing.Cli;
import dev.vpnmanager.testing.TestApp;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plans through the CLI and the chat: add/list/remove, users add --plan, /adduser NAME PLAN, the guided add. */
class PlansTest {
  @TempDir Path dir;

  @Test
  void cliPlansAndUsersFromAPlan() throws Exception {
    Cli cli = new Cli(dir);
    Cli.Result add = cli.run("plans", "add", "basic", "--protocol", "vless", "--limit", "50GB", "--days", "30",
        "--reset", "monthly:1");
    assertEquals(0, add.code(), add.err());
    assertEquals("created plan basic (vless, 50.00 GB, 30 days, resets monthly:1)\n", add.out());
    assertEquals("basic\tvless\t50000000000\t30\tmonthly:1\n", cli.run("plans", "list", "--format", "plain").out());
    for (String[] bad : new String[][] {
        {"plans", "add", "vless", "--protocol", "vless", "--limit", "1GB", "--days", "1"},
        {"plans", "add", "basic", "--protocol", "vless", "--limit", "1GB", "--days", "1"},
        {"plans", "add", "pro", "--protocol", "ipsec", "--limit", "1GB", "--days", "1"},
        {"plans", "add", "pro", "--protocol", "vless", "--limit", "1GB", "--days", "-1"},
        {"plans", "add", "pro", "--protocol", "vless", "--limit", "1GB", "--days", "1", "--reset", "hourly"},
        {"users", "add", "zed", "--plan", "nope"},
        {"users", "add", "zed"},
        {"plans", "remove", "nope"}}) {
      Cli.Result r = cli.run(bad);
      assertEquals(2, r.code(), String.join(" ", bad) + ": " + r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
    }
    assertEquals(1, new ObjectMapper().readTree(cli.run("plans", "list", "--format", "json").out()).size());
    Cli.Result u = cli.run("users", "add", "alice", "--plan", "basic", "--note", "from plan");
    assertEquals(0, u.code(), u.err());
    JsonNode a = new ObjectMapper().readTree(cli.run("users", "show", "alice", "--format", "json").out());
    assertEquals("vless", a.get("protocol").asText());
    assertEquals(50_000_000_000L, a.get("limitBytes").asLong());
    assertEquals("monthly:1", a.get("resetStrategy").asText());
    assertTrue(!a.get("expiresAt").isNull());
    assertEquals(0, cli.run("users", "add", "bob", "--plan", "basic", "--limit", "0").code());
    assertEquals(0, new ObjectMapper().readTree(cli.run("users", "show", "bob", "--format", "json").out())
        .get("limitBytes").asLong());
    assertEquals(0, cli.run("plans", "remove", "basic").code());
    assertEquals("", cli.run("plans", "list", "--format", "plain").out());
    assertTrue(cli.run("audit", "list", "--format", "plain").out().contains("plan.remove\tbasic"));
  }

  @Test
  void chatAddsUsersFromAPlanWithConfigAndInviteAndTheGuidedButton() {
    AppComponent app = TestApp.create(dir, java.time.Clock.systemUTC(), Map.of());
    app.plans().add(dev.vpnmanager.audit.Actor.cli(), "basic", "wireguard", 10_000_000_000L, 30,
        dev.vpnmanager.domain.ResetPolicy.parse("weekly:1"));
    ChatDriver chat = ChatDriver.owner(app.router());
    assertTrue(chat.say("/plans").allText().contains("📦 basic — wireguard, 10.00 GB, 30 days, weekly on day 1"),
        chat.last().allText());
    Reply r = chat.say("/adduser carol basic");
    assertTrue(r.allText().contains("✅ User carol created."), r.allText());
    assertTrue(r.parts().stream().anyMatch(p -> p instanceof Reply.Photo), "QR code");
    assertTrue(r.allText().contains("One-time invite for carol"), r.allText());
    assertTrue(r.allText().contains("/start "), r.allText());
    assertEquals("weekly:1", app.users().show("carol").resetStrategy());
    assertTrue(chat.say("/adduser dave ipsec").allText().contains("neither a protocol"));

    Reply menu = chat.say("/menu");
    assertTrue(menu.allText().contains("Main menu"));
    Reply step1 = chat.press("Add user");
    assertTrue(step1.allText().contains("step 1 of 2"), step1.allText());
    Reply step2 = chat.press("basic");
    assertTrue(step2.allText().contains("step 2 of 2"), step2.allText());
    assertTrue(chat.say("no").allText().contains("invalid user name"));
    Reply done = chat.say("erin");
    assertTrue(done.allText().contains("✅ User erin created."), done.allText());
    assertEquals("wireguard", app.users().show("erin").protocol());
    chat.say("/menu");
    chat.press("Add user");
    chat.press("vless");
    chat.say("frank");
    assertEquals("vless", app.users().show("frank").protocol());
    assertEquals(0, app.users().show("frank").limitBytes());
  }
}
