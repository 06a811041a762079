package dev.vpnmanager.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vpnmanager.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersCliTest {
  @TempDir Path dir;
  Cli cli;

  @BeforeEach
  void setUp() {
    cli = new Cli(dir.resolve("data"));
  }

  @Test
  void addListShowAsJson() throws Exception {
    Cli.Result add = cli.run("users", "add", "bob", "--protocol", "wireguard", "--limit", "50GB",
        "--expires", "2030-12-31", "--email", "bob@example.org", "--note", "friend");
    assertEquals(0, add.code(), add.err());
    assertEquals("created user bob (wireguard on wireguard-1)\n", add.out());
    JsonNode list = new ObjectMapper().readTree(cli.run("users", "list", "--format", "json").out());
    assertTrue(list.isArray());
    JsonNode bob = list.get(0);
    assertEquals("bob", bob.get("username").asText());
    assertEquals("wireguard", bob.get("protocol").asText());
    assertEquals("active", bob.get("status").asText());
    assertEquals(50_000_000_000L, bob.get("limitBytes").asLong());
    assertEquals(0, bob.get("usedBytes").asLong());
    assertEquals("2031-01-01T00:00:00Z", bob.get("expiresAt").asText());
    assertTrue(bob.hasNonNull("createdAt"));
    assertFalse(bob.has("credentials"), "list never prints secrets");
    JsonNode show = new ObjectMapper().readTree(cli.run("users", "show", "bob", "--format", "json").out());
    assertEquals("bob@example.org", show.get("email").asText());
    assertEquals("bob\twireguard\tactive\t0\t50000000000\t2031-01-01T00:00:00Z\n",
        cli.run("users", "list", "--format", "plain").out());
    assertTrue(cli.run("users", "list").out().startsWith("USERNAME"));
  }

  @Test
  void lifecycleThroughTheCli() throws Exception {
    cli.run("users", "add", "alice", "--protocol", "vless", "--limit", "1GB", "--expires", "10d");
    assertEquals(0, cli.run("users", "suspend", "alice", "--reason", "unpaid").code());
    assertTrue(cli.run("users", "show", "alice").out().contains("status: suspended (unpaid)"));
    assertEquals("", cli.run("users", "list", "--status", "active", "--format", "plain").out());
    assertEquals(0, cli.run("users", "resume", "alice").code());
    Cli.Result renew = cli.run("users", "renew", "alice", "--days", "5", "--add-traffic", "1GB");
    assertEquals(0, renew.code(), renew.err());
    assertTrue(renew.out().contains("limit 2.00 GB"), renew.out());
    assertEquals(0, cli.run("users", "reset-traffic", "alice").code());
    assertEquals(0, cli.run("users", "rotate", "alice").code());
    assertEquals(0, cli.run("users", "delete", "alice").code());
    assertEquals(2, cli.run("users", "show", "alice").code());
  }

  @Test
  void badInputExitsTwoWithOneLineAndWritesNothing() {
    cli.run("users", "add", "taken", "--protocol", "vless");
    String before = cli.run("users", "list", "--format", "json").out();
    List<String[]> bad = List.of(
        new String[] {"users", "add", "", "--protocol", "vless"},
        new String[] {"users", "add", "ab", "--protocol", "vless"},
        new String[] {"users", "add", "x".repeat(33), "--protocol", "vless"},
        new String[] {"users", "add", "a/b", "--protocol", "vless"},
        new String[] {"users", "add", "..", "--protocol", "vless"},
        new String[] {"users", "add", "bob smith", "--protocol", "vless"},
        new String[] {"users", "add", "bob'", "--protocol", "vless"},
        new String[] {"users", "add", "bob\"", "--protocol", "vless"},
        new String[] {"users", "add", "a;b", "--protocol", "vless"},
        new String[] {"users", "add", "$(id)", "--protocol", "vless"},
        new String[] {"users", "add", "bob\u001b[2J", "--protocol", "vless"},
        new String[] {"users", "add", "bob", "--protocol", "pptp"},
        new String[] {"users", "add", "bob", "--protocol", "vless", "--limit", "-5GB"},
        new String[] {"users", "add", "bob", "--protocol", "vless", "--limit", "12XB"},
        new String[] {"users", "add", "bob", "--protocol", "vless", "--limit", "1e309"},
        new String[] {"users", "add", "bob", "--protocol", "vless", "--expires", "2026-13-40"},
        new String[] {"users", "add", "bob", "--protocol", "vless", "--expires", "yesterday"},
        new String[] {"users", "add", "bob", "--protocol", "vless", "--email", "nope"},
        new String[] {"users", "add", "bob"},
        new String[] {"users", "add", "taken", "--protocol", "wireguard"},
        new String[] {"users", "renew", "taken", "--days", "x"},
        new String[] {"users", "renew", "taken"},
        new String[] {"users", "list", "--status", "sleepy"},
        new String[] {"users", "list", "--format", "xml"},
        new String[] {"users", "show", "nobody"},
        new String[] {"users", "frobnicate"});
    for (String[] args : bad) {
      Cli.Result r = cli.run(args);
      assertEquals(2, r.code(), String.join(" ", args) + " -> " + r.err());
      assertEquals(1, r.err().lines().count(), String.join(" ", args) + " -> " + r.err());
      assertTrue(r.err().startsWith("error: "), r.err());
      assertFalse(r.err().contains("\tat "), "no stack trace");
    }
    assertTrue(cli.run("users", "add", "taken", "--protocol", "vless").err().contains("already exists"));
    assertEquals(before, cli.run("users", "list", "--format", "json").out());
  }

  @Test
  void exportImportRoundTripThroughFiles() throws Exception {
    cli.run("users", "add", "alice", "--protocol", "vless");
    cli.run("users", "add", "bob", "--protocol", "wireguard", "--note", "a, \"quoted\" note");
    Path json = dir.resolve("users.json");
    Path csv = dir.resolve("users.csv");
    assertEquals(0, cli.run("users", "export", "--out", json.toString()).code());
    assertEquals(0, cli.run("users", "export", "--format", "csv", "--out", csv.toString()).code());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(json)));
    String exported = cli.run("users", "export").out();
    assertEquals(Files.readString(json), exported);

    Cli other = new Cli(dir.resolve("other"));
    Cli.Result dry = other.run("users", "import", csv.toString(), "--dry-run");
    assertEquals("dry run: would import 2 users\n", dry.out());
    assertEquals("", other.run("users", "list", "--format", "plain").out());
    assertEquals("imported 2 users\n", other.run("users", "import", csv.toString()).out());
    assertEquals(exported, other.run("users", "export").out());
    Cli.Result again = other.run("users", "import", json.toString());
    assertEquals(2, again.code());
    assertTrue(again.err().contains("already exist"));
  }

  @Test
  void badImportFilesImportNothing() throws Exception {
    Path notUsers = dir.resolve("x.txt");
    Files.writeString(notUsers, "hello world\n");
    Path dup = dir.resolve("dup.csv");
    Files.writeString(dup, "username,protocol\nsam,vless\nsam,vless\n");
    Path oneBad = dir.resolve("bad.json");
    Files.writeString(oneBad, "[{\"username\":\"okay\",\"protocol\":\"vless\"},"
        + "{\"username\":\"no way\",\"protocol\":\"vless\"}]");
    Path binary = dir.resolve("bin");
    Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});
    for (Path p : List.of(notUsers, dup, oneBad, binary, dir.resolve("missing.json"))) {
      Cli.Result r = cli.run("users", "import", p.toString());
      assertEquals(2, r.code(), p + " -> " + r.err());
      assertEquals(1, r.err().lines().count(), r.err());
    }
    assertEquals("", cli.run("users", "list", "--format", "plain").out());
  }

  @Test
  void helpEverywhereAndCompletion() {
    for (String[] args : List.of(new String[] {"--help"}, new String[] {"users", "--help"},
        new String[] {"users", "add", "--help"}, new String[] {"console", "--help"},
        new String[] {"doctor", "--help"}, new String[] {"serve", "--help"})) {
      Cli.Result r = cli.run(args);
      assertEquals(0, r.code());
      assertTrue(r.out().contains("Usage:"), String.join(" ", args));
    }
    Cli.Result completion = cli.run("generate-completion");
    assertEquals(0, completion.code());
    assertTrue(completion.out().contains("complete -F"), "bash completion script");
    assertFalse(Files.exists(dir.resolve("data")), "--help does not create the data dir");
  }

  @Test
  void dataDirAndSecretsAreOwnerOnly() throws Exception {
    cli.run("users", "add", "alice", "--protocol", "vless");
    cli.runWithInput("/users\n1\n", "console");
    Path data = dir.resolve("data");
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
    assertEquals("rw-------", PosixFilePermissions.toString(
        Files.getPosixFilePermissions(data.resolve("vpn-manager.db"))));
    assertFalse(Files.exists(data.resolve("callback.key")), "the button key lives in the database");
    Cli.Result doctor = cli.run("doctor");
    assertTrue(doctor.out().contains("[ ok ] database"), doctor.out());
    assertTrue(doctor.out().contains("[ ok ] data dir"), doctor.out());
  }

  @Test
  void badConfigurationIsOneLineNamingTheKey() {
    Cli.Result r = cli.env("VPN_ENFORCE_INTERVAL", "often").run("users", "list");
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("error: configuration key enforce-interval (VPN_ENFORCE_INTERVAL)"), r.err());
  }
}
