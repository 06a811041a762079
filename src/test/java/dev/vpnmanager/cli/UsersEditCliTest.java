package dev.vpnmanager.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vpnmanager.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** users edit, --reset-strategy on add and edit, --search, and the reset policy through export/import. */
class UsersEditCliTest {
  @TempDir Path dir;
  Cli cli;

  @BeforeEach
  void setUp() {
    cli = new Cli(dir.resolve("data"));
  }

  JsonNode show(String name) throws Exception {
    return new ObjectMapper().readTree(cli.run("users", "show", name, "--format", "json").out());
  }

  @Test
  void editSetsEachFieldAndSaysWhatItIsNow() throws Exception {
    assertEquals(0, cli.run("users", "add", "alice", "--protocol", "vless", "--limit", "1GB",
        "--reset-strategy", "weekly:3").code());
    assertEquals("weekly:3", show("alice").get("resetStrategy").asText());
    Cli.Result r = cli.run("users", "edit", "alice", "--limit", "50GB", "--expires", "2030-12-31",
        "--note", "pays yearly", "--email", "alice@example.org", "--reset-strategy", "monthly:15");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("edited alice: status active, limit 50.00 GB, expires 31 Dec 2030 (in "), r.out());
    assertTrue(r.out().contains("reset monthly:15"), r.out());
    JsonNode a = show("alice");
    assertEquals(50_000_000_000L, a.get("limitBytes").asLong());
    assertEquals("2031-01-01T00:00:00Z", a.get("expiresAt").asText());
    assertEquals("pays yearly", a.get("note").asText());
    assertEquals("alice@example.org", a.get("email").asText());
    assertEquals("monthly:15", a.get("resetStrategy").asText());
    assertEquals(0, cli.run("users", "edit", "alice", "--expires", "never", "--note", "", "--reset-strategy",
        "never").code());
    a = show("alice");
    assertTrue(a.get("expiresAt").isNull());
    assertTrue(a.get("note").isNull());
    assertEquals("never", a.get("resetStrategy").asText());
    assertTrue(cli.run("users", "show", "alice").out().contains("reset: never"));
  }

  @Test
  void badInputIsOneLineExitTwoAndNothingChanges() throws Exception {
    cli.run("users", "add", "alice", "--protocol", "vless", "--limit", "1GB");
    String before = show("alice").toString();
    for (String[] args : new String[][] {
        {"--limit", "lots"}, {"--expires", "yesterday"}, {"--reset-strategy", "hourly"},
        {"--reset-strategy", "monthly:32"}, {"--email", "not-an-email"}, {"--server", "nowhere"}, {}}) {
      String[] all = new String[3 + args.length];
      all[0] = "users";
      all[1] = "edit";
      all[2] = "alice";
      System.arraycopy(args, 0, all, 3, args.length);
      Cli.Result r = cli.run(all);
      assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertTrue(r.err().startsWith("error: "), r.err());
    }
    assertEquals(2, cli.run("users", "edit", "nobody", "--limit", "1GB").code());
    assertEquals(2, cli.run("users", "add", "bob", "--protocol", "vless", "--reset-strategy", "daily:3").code());
    assertEquals(before, show("alice").toString());
    assertEquals("", cli.run("users", "list", "--search", "bob", "--format", "plain").out());
  }

  @Test
  void moveToAnotherServerOfTheProtocolGivesNewCredentials() throws Exception {
    cli.run("users", "add", "alice", "--protocol", "vless");
    Path seed = dir.resolve("seed.json");
    Files.writeString(seed, "[{\"username\":\"xavier\",\"protocol\":\"vless\",\"server\":\"vless-2\","
        + "\"limitBytes\":0,\"usedBytes\":0}]");
    assertEquals(0, cli.run("users", "import", seed.toString()).code(), "defines vless-2");
    String linkBefore = cli.run("users", "config", "alice").out();
    assertEquals(0, cli.run("users", "edit", "alice", "--server", "vless-1").code());
    assertEquals(linkBefore, cli.run("users", "config", "alice").out(), "same server: no move");
    Cli.Result moved = cli.run("users", "edit", "alice", "--server", "vless-2");
    assertEquals(0, moved.code(), moved.err());
    assertEquals("vless-2", show("alice").get("server").asText());
    assertTrue(!linkBefore.equals(cli.run("users", "config", "alice").out()), "new credentials there");
    cli.run("users", "add", "wuser", "--protocol", "wireguard");
    Cli.Result other = cli.run("users", "edit", "alice", "--server", "wireguard-1");
    assertEquals(2, other.code());
    assertTrue(other.err().contains("runs wireguard, not vless"), other.err());
  }

  @Test
  void searchMatchesNameEmailAndNote() {
    cli.run("users", "add", "alice", "--protocol", "vless", "--email", "alice@corp.example");
    cli.run("users", "add", "bob", "--protocol", "vless", "--note", "Works at CORP downtown");
    cli.run("users", "add", "carol", "--protocol", "vless");
    assertEquals("alice\nbob\n", names(cli.run("users", "list", "--search", "corp", "--format", "plain").out()));
    assertEquals("carol\n", names(cli.run("users", "list", "--search", "CAR", "--format", "plain").out()));
  }

  @Test
  void resetPolicyRoundTripsThroughExportAndImport() throws Exception {
    cli.run("users", "add", "alice", "--protocol", "vless", "--reset-strategy", "monthly:31");
    cli.run("users", "add", "bob", "--protocol", "vless", "--reset-strategy", "daily");
    for (String format : new String[] {"json", "csv"}) {
      Path file = dir.resolve("users." + format);
      assertEquals(0, cli.run("users", "export", "--format", format, "--out", file.toString()).code());
      Cli other = new Cli(dir.resolve("other-" + format));
      Cli.Result imp = other.run("users", "import", file.toString());
      assertEquals(0, imp.code(), imp.err());
      JsonNode a = new ObjectMapper().readTree(other.run("users", "show", "alice", "--format", "json").out());
      assertEquals("monthly:31", a.get("resetStrategy").asText(), format);
      JsonNode b = new ObjectMapper().readTree(other.run("users", "show", "bob", "--format", "json").out());
      assertEquals("daily", b.get("resetStrategy").asText(), format);
    }
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "[{\"username\":\"zed\",\"protocol\":\"vless\",\"limitBytes\":0,\"usedBytes\":0,"
        + "\"resetStrategy\":\"hourly\"}]");
    Cli.Result r = new Cli(dir.resolve("third")).run("users", "import", bad.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("unknown reset strategy"), r.err());
  }

  private static String names(String plain) {
    StringBuilder b = new StringBuilder();
    plain.lines().forEach(l -> b.append(l.split("\t")[0]).append('\n'));
    return b.toString();
  }
}
