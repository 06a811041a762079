package dev.vpnmanager.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.common.ConflictException;
import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.protocol.X25519;
import dev.vpnmanager.storage.Tx;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserTransferTest {
  @TempDir Path dir;
  AppComponent source;

  @BeforeEach
  void setUp() {
    source = TestApp.create(dir.resolve("a"));
    Actor a = Actor.cli();
    source.users().add(a, new NewUser("alice", "vless", null, 50_000_000_000L,
        Instant.parse("2030-01-01T00:00:00Z"), "alice@example.org", "note, with \"quotes\"\nand a line"));
    source.users().add(a, NewUser.of("bob", "wireguard"));
    source.users().add(a, NewUser.of("carol", "shadowsocks"));
    source.users().suspend(a, "carol", "unpaid");
    // traffic counted (as the traffic cycle writes it): the round trips must carry it over
    source.database().sqlUpdate("insert into user_usage (user_id, used_bytes)"
        + " select id, 12345678901 from vpn_user where username = 'alice'").execute();
  }

  private List<UserRecord> exported() {
    return source.userQueries().all(null).stream().map(u -> source.users().withCredentials(u.username())).toList();
  }

  @Test
  void jsonRoundTripKeepsEverything() {
    String json = UserFiles.toJson(exported());
    AppComponent target = TestApp.create(dir.resolve("b"));
    target.userTransfer().importUsers(Actor.cli(), UserFiles.parse(json), false);
    assertEquals(12345678901L, target.users().show("alice").usedBytes());
    assertEquals(json, UserFiles.toJson(target.userQueries().all(null).stream()
        .map(u -> target.users().withCredentials(u.username())).toList()));
  }

  @Test
  void csvRoundTripKeepsEverything() {
    String csv = UserFiles.toCsv(exported());
    AppComponent target = TestApp.create(dir.resolve("b"));
    target.userTransfer().importUsers(Actor.cli(), UserFiles.parse(csv), false);
    assertEquals(csv, UserFiles.toCsv(target.userQueries().all(null).stream()
        .map(u -> target.users().withCredentials(u.username())).toList()));
  }

  @Test
  void dryRunReportsAndWritesNothing() {
    AppComponent target = TestApp.create(dir.resolve("b"));
    UserTransfer.ImportReport r = target.userTransfer().importUsers(Actor.cli(),
        UserFiles.parse(UserFiles.toJson(exported())), true);
    assertEquals(3, r.created());
    assertTrue(r.dryRun());
    assertEquals(0, target.userQueries().count());
    assertEquals(0, target.servers().list().size());
  }

  @Test
  void oneBadRowImportsNothing() {
    String csv = "username,protocol,limitBytes\r\nokay1,vless,0\r\nokay2,wireguard,10\r\nbad/name,vless,0\r\n";
    AppComponent target = TestApp.create(dir.resolve("b"));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> target.userTransfer().importUsers(Actor.cli(), UserFiles.parse(csv), false));
    assertTrue(e.getMessage().contains("row 3"), e.getMessage());
    assertEquals(0, target.userQueries().count());
  }

  @Test
  void duplicatesAndExistingUsersImportNothing() {
    AppComponent target = TestApp.create(dir.resolve("b"));
    assertThrows(InvalidInputException.class, () -> target.userTransfer().importUsers(Actor.cli(),
        UserFiles.parse("username,protocol\nsam,vless\nsam,vless\n"), false));
    target.users().add(Actor.cli(), NewUser.of("bob", "vless"));
    assertThrows(ConflictException.class, () -> target.userTransfer().importUsers(Actor.cli(),
        UserFiles.parse(UserFiles.toJson(exported())), false));
    assertEquals(1, target.userQueries().count());
  }

  @Test
  void rowsWithoutCredentialsGetFreshOnes() {
    AppComponent target = TestApp.create(dir.resolve("b"));
    target.userTransfer().importUsers(Actor.cli(),
        UserFiles.parse("username,protocol\nwg1,wireguard\nwg2,wireguard\nvl1,vless\n"), false);
    assertEquals("10.8.0.2", target.users().withCredentials("wg1").credentials().get("address"));
    assertEquals("10.8.0.3", target.users().withCredentials("wg2").credentials().get("address"));
    assertTrue(target.users().withCredentials("vl1").credentials().get("uuid").length() == 36);
  }

  @Test
  void filesThatAreNotUserFilesAreRefused() {
    for (String text : List.of("hello", "{\"username\":\"x\"}", "[{\"username\":\"x\",\"bogus\":1}]",
        "username,protocol,what\nx,vless,1\n", "username,protocol\n\"x,vless\n", "[1,2]", "",
        "username,protocol,limitBytes\nabc,vless,lots\n")) {
      assertThrows(InvalidInputException.class, () -> UserFiles.parse(text), text);
    }
  }

  /** One import row per case: a row of good users first, then the hostile one as row 3. */
  private void refused(String protocol, String credentialsJson, String expect) {
    AppComponent target = TestApp.create(dir.resolve("t" + Math.abs((protocol + credentialsJson).hashCode())));
    String json = "[{\"username\":\"ok1\",\"protocol\":\"" + protocol + "\",\"limitBytes\":0,\"usedBytes\":0},"
        + "{\"username\":\"ok2\",\"protocol\":\"" + protocol + "\",\"limitBytes\":0,\"usedBytes\":0},"
        + "{\"username\":\"evil\",\"protocol\":\"" + protocol + "\",\"limitBytes\":0,\"usedBytes\":0,\"credentials\":" + credentialsJson + "}]";
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> target.userTransfer().importUsers(Actor.cli(), UserFiles.parse(json), false), credentialsJson);
    assertTrue(e.getMessage().contains("row 3") && e.getMessage().contains(expect), e.getMessage());
    assertEquals(0, target.userQueries().count(), "nothing imported");
    assertEquals(0, target.servers().list().size(), "no server defined either");
  }

  private static final String KEY = "\"YNqHwpcAmVmUcGBDz6HmEYpQa5u1FhFqJ4M8EUkqjWA=\"";

  @Test
  void importedCredentialsGoThroughTheirDriversValidation() {
    String pub = "\"" + java.util.Base64.getEncoder().encodeToString(dev.vpnmanager.protocol.X25519.publicKeyOf(
        java.util.Base64.getDecoder().decode("YNqHwpcAmVmUcGBDz6HmEYpQa5u1FhFqJ4M8EUkqjWA="))) + "\"";
    String wg = "{\"privateKey\":" + KEY + ",\"publicKey\":" + pub + ",\"presharedKey\":" + KEY + ",\"address\":";
    refused("wireguard", wg + "\"0.0.0.0/0, 10.8.0.9\"}", "address");
    refused("wireguard", wg + "\"10.9.0.5\"}", "10.8.0.0/24");
    refused("wireguard", wg + "\"10.8.0.1\"}", "address");
    refused("wireguard", wg + "\"10.8.0.2\"}", "used twice");
    refused("wireguard", "{\"privateKey\":\"x\\nAllowedIPs = 0.0.0.0/0\",\"publicKey\":" + pub
        + ",\"presharedKey\":" + KEY + ",\"address\":\"10.8.0.9\"}", "privateKey");
    refused("wireguard", "{\"privateKey\":" + KEY + ",\"publicKey\":" + KEY + ",\"presharedKey\":" + KEY
        + ",\"address\":\"10.8.0.9\"}", "publicKey");
    refused("vless", "{\"uuid\":\"not-a-uuid\"}", "uuid");
    refused("vless", "{\"uuid\":\"5783a3e7-e373-41cd-8642-c83782b807c5\",\"flow\":\"x\"}", "flow");
    refused("shadowsocks", "{\"password\":\"abcdefghijkl\",\"port\":\"70000\"}", "port");
    refused("shadowsocks", "{\"password\":\"abcdefghijkl\",\"port\":\"10085\"}", "port");
    refused("shadowsocks", "{\"password\":\"abc\\\"def ghijkl\",\"port\":\"8390\"}", "password");
    refused("shadowsocks", "{\"password\":\"abcdefghijkl\",\"port\":\"8388\"}", "used twice");
    refused("http", "{\"username\":\"someone-else\",\"password\":\"abcdefghijkl\"}", "username");
    refused("socks", "{\"username\":\"evil\",\"password\":\"a:b\"}", "password");
  }

  @Test
  void goodImportedCredentialsAreKept() {
    AppComponent target = TestApp.create(dir.resolve("g"));
    target.userTransfer().importUsers(Actor.cli(), UserFiles.parse("[{\"username\":\"wg9\",\"protocol\":"
        + "\"wireguard\",\"limitBytes\":0,\"usedBytes\":0,\"credentials\":{\"privateKey\":" + KEY + ",\"publicKey\":\""
        + java.util.Base64.getEncoder().encodeToString(dev.vpnmanager.protocol.X25519.publicKeyOf(
            java.util.Base64.getDecoder().decode("YNqHwpcAmVmUcGBDz6HmEYpQa5u1FhFqJ4M8EUkqjWA=")))
        + "\",\"presharedKey\":" + KEY + ",\"address\":\"10.8.0.9\"}}]"), false);
    assertEquals("10.8.0.9", target.users().withCredentials("wg9").credentials().get("address"));
  }

  @Test
  void csvCellsThatASpreadsheetWouldRunAreNeutralisedAndRestored() {
    AppComponent a = TestApp.create(dir.resolve("f"));
    List<String> notes = List.of("=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "'quoted",
        "plain");
    for (int i = 0; i < notes.size(); i++) {
      a.users().add(Actor.cli(), new NewUser("note" + i, "vless", null, 0, null, null, notes.get(i)));
    }
    List<UserRecord> rows = a.userQueries().all(null).stream().map(u -> a.users().withCredentials(u.username()))
        .toList();
    String csv = UserFiles.toCsv(rows);
    for (char c : "=+-@\t".toCharArray()) {
      for (String start : List.of("," + c, ",\"" + c, "\n" + c, "\n\"" + c)) {
        assertTrue(!csv.contains(start), "a cell starts with " + c + ": " + csv);
      }
    }
    assertTrue(csv.contains(",'=HYPERLINK") || csv.contains(",\"'=HYPERLINK"), csv);
    AppComponent b = TestApp.create(dir.resolve("f2"));
    b.userTransfer().importUsers(Actor.cli(), UserFiles.parse(csv), false);
    for (int i = 0; i < notes.size(); i++) {
      assertEquals(notes.get(i), b.users().show("note" + i).note());
    }
  }
  /**
   * A SecureRandom that, each time it is asked for bytes, tries to begin a write on another connection to the
   * same SQLite file without waiting: it succeeds unless a write transaction (the import's) holds the lock.
   */
  private static final class WriteProbe extends SecureRandom {
    private final Connection other;
    int free;
    int locked;

    WriteProbe(Connection other) {
      this.other = other;
    }

    @Override
    public synchronized void nextBytes(byte[] bytes) {
      try (Statement st = other.createStatement()) {
        st.execute("begin immediate");
        st.execute("rollback");
        free++;
      } catch (SQLException busy) {
        locked++;
      }
      super.nextBytes(bytes);
    }
  }

  /** Issue 15: 50,000 WireGuard key pairs took 5 s of the database's write lock; they are made before it. */
  @Test
  void wireguardKeysAreMadeWhileOthersCanStillWrite() throws Exception {
    AppComponent target = TestApp.create(dir.resolve("w"), Clock.systemUTC(),
        java.util.Map.of("wireguard.subnet", "10.64.0.0/16"));
    // the server first: one the import defines gets its own (one) key pair inside the transaction
    target.users().add(Actor.cli(), NewUser.of("first", "wireguard"));
    int n = 2 * SecretsAhead.MIN_PER_THREAD + 44; // enough for one thread per core
    StringBuilder csv = new StringBuilder("username,protocol\n");
    for (int i = 0; i < n; i++) {
      csv.append("wg").append(i).append(",wireguard\n");
    }
    try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("w/vpn-manager.db")
        + "?busy_timeout=0")) {
      WriteProbe random = new WriteProbe(other);
      UserTransfer transfer = new UserTransfer(new Tx(target.database()), target.protocols(), target.servers(),
          target.audit(), target.events(), random, Clock.systemUTC());

      transfer.importUsers(Actor.cli(), UserFiles.parse(csv.toString()), true);
      assertEquals(0, random.free + random.locked, "a dry run makes no keys");

      transfer.importUsers(Actor.cli(), UserFiles.parse(csv.toString()), false);
      assertEquals(0, random.locked, "bytes asked for while the import held the write lock");
      assertTrue(random.free >= 2 * n, "keys and preshared keys made: " + random.free);
    }
    assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("user-secrets-")),
        "no thread outlives the import");
    Set<String> publicKeys = new HashSet<>();
    Set<String> addresses = new HashSet<>();
    for (int i = 0; i < n; i++) {
      var c = target.users().withCredentials("wg" + i).credentials();
      assertEquals(c.get("publicKey"), Base64.getEncoder().encodeToString(
          X25519.publicKeyOf(Base64.getDecoder().decode(c.get("privateKey")))), "the pair belongs together");
      assertTrue(publicKeys.add(c.get("publicKey")) && addresses.add(c.get("address")), "unique: " + i);
    }
    assertEquals("10.64.0.3", target.users().withCredentials("wg0").credentials().get("address"));
  }
}
