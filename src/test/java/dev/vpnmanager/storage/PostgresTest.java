package dev.vpnmanager.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.common.ConflictException;
import dev.vpnmanager.domain.AuditEntry;
import dev.vpnmanager.testing.Peers;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.user.NewUser;
import dev.vpnmanager.user.UserFiles;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same code on PostgreSQL, chosen by the JDBC URL alone. Needs VPN_TEST_POSTGRES_URL (set by
 * `eval "$(scripts/test-postgres.sh)"`); each test gets a fresh database.
 */
class PostgresTest {
  @TempDir Path dir;
  AppComponent app;

  @BeforeEach
  void freshDatabase() throws Exception {
    String admin = System.getenv("VPN_TEST_POSTGRES_URL");
    if (admin == null) {
      String msg = "VPN_TEST_POSTGRES_URL not set: run eval \"$(scripts/test-postgres.sh)\" to test PostgreSQL";
      if (Peers.required()) {
        fail(msg);
      }
      assumeTrue(false, msg);
    }
    String name = "t_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
      s.execute("create database " + name);
    }
    String url = admin.replaceFirst("/postgres\\?", "/" + name + "?");
    app = TestApp.create(dir, Clock.systemUTC(), Map.of("database.url", url));
  }

  @Test
  void userLifecycleAndAudit() {
    app.users().add(Actor.cli(), NewUser.of("alice", "wireguard"));
    app.users().add(Actor.cli(), new NewUser("bob", "wireguard", null, 1_000_000, null, null, null));
    assertEquals("10.8.0.3", app.users().withCredentials("bob").credentials().get("address"));
    app.users().suspend(Actor.cli(), "alice", "test");
    app.users().renew(Actor.cli(), "bob", 0, 1);
    app.users().delete(Actor.cli(), "bob");
    assertEquals("suspended", app.users().show("alice").status());
    assertEquals(1, app.userQueries().count());
    assertTrue(app.database().find(AuditEntry.class).findCount() >= 5);
    ConflictException e = assertThrows(ConflictException.class,
        () -> app.users().add(Actor.cli(), NewUser.of("alice", "vless")));
    assertEquals("user 'alice' already exists", e.getMessage());
  }

  @Test
  void importExportRoundTrip() {
    app.userTransfer().importUsers(Actor.cli(), UserFiles.parse("username,protocol,limitBytes,usedBytes\n"
        + "u001,vless,100,42\nu002,shadowsocks,0,5000000000\nu003,wireguard,5,0\n"), false);
    assertEquals(42, app.users().show("u001").usedBytes());
    assertEquals(5_000_000_000L, app.users().show("u002").usedBytes());
    String csv = UserFiles.toCsv(app.userQueries().all(null).stream()
        .map(u -> app.users().withCredentials(u.username())).toList());
    assertEquals(4, csv.lines().count());
    assertEquals(1, app.userQueries().page(null, "u00", 1, 2).users().size());
  }
}
