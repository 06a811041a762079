package dev.vpnmanager.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.testing.ChildJvm;
import dev.vpnmanager.testing.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console driven end to end through a real pipe into a separate process. */
class ConsoleTest {
  @TempDir Path dir;

  @Test
  void scriptInExpectedTextOut() throws Exception {
    String script = String.join("\n",
        "/adduser bob wireguard 10GB 30d",
        "adduser alice vless",
        "# a comment",
        "",
        "/users",
        "2",
        "1",
        "/user alice",
        "/suspend nobody",
        "/quit",
        "/adduser never seen") + "\n";
    Cli.Result r = ChildJvm.run(dir, script, "console");
    assertEquals(0, r.code(), r.err());
    String out = r.out();
    assertTrue(out.contains("✅ User bob created."), out);
    assertTrue(out.contains("👤 bob — wireguard on wireguard-1"), out);
    assertTrue(out.contains("Users: 2 — page 1 of 1\n  1) 🟢 alice · 0 B\n  2) 🟢 bob · 0 B\n  3) • all\n"), out);
    // "2" opens bob's card, "1" presses its first button: Suspend
    assertTrue(out.contains("Status: suspended (suspended by an admin)"), out);
    assertTrue(out.contains("(Done)"), out);
    assertTrue(out.contains("⚠️ no user named 'nobody'"), out);
    assertTrue(!out.contains("usage: /adduser"), "nothing after /quit runs");
    Cli.Result list = ChildJvm.run(dir, "", "users", "list", "--format", "plain");
    assertTrue(list.out().contains("bob\twireguard\tsuspended"), list.out());
  }

  @Test
  void endsCleanlyAtEndOfInput() {
    Cli.Result r = new Cli(dir).runWithInput("/help\n", "console");
    assertEquals(0, r.code());
    assertTrue(r.out().contains("/adduser NAME PROTOCOL|PLAN [LIMIT] [EXPIRES] — create a user"), r.out());
    assertTrue(r.out().contains("/users [STATUS|NAME-PREFIX]"), r.out());
  }

  @Test
  void numbersWithoutAMenuAreCommands() {
    Cli.Result r = new Cli(dir).runWithInput("7\n/menu\n10\n1\n", "console");
    assertTrue(r.out().contains("Unknown command /7"), r.out());
    assertTrue(r.out().contains("Main menu\n  1) 👥 Users\n  2) 🖥 Servers\n  3) ➕ Add user\n  4) 📦 Plans"), r.out());
    assertTrue(r.out().contains("❓ Help"), r.out());
    assertTrue(r.out().contains("  7) 📊 Stats\n"), r.out());
    assertTrue(r.out().contains("Unknown command /10"), r.out());
    assertTrue(r.out().contains("No users yet"), r.out());
  }
}
