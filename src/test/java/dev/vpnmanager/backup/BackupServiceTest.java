package dev.vpnmanager.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.testing.FakeClock;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.user.NewUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupServiceTest {
  @TempDir Path dir;
  FakeClock clock = FakeClock.at("2026-08-01T03:00:00Z");

  static NewUser user(String name) {
    return new NewUser(name, "vless", null, 0, null, null, null);
  }

  static int users(Path db) throws Exception {
    try (Connection c = SqliteFiles.open(db, true); Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("pragma integrity_check")) {
        rs.next();
        assertEquals("ok", rs.getString(1));
      }
      try (ResultSet rs = st.executeQuery("select count(*) from vpn_user")) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  @Test
  void backupsWhileAnotherThreadWritesAreConsistentAndRestoreRoundTrips() throws Exception {
    Path data = dir.resolve("data");
    AppComponent app = TestApp.create(data, clock, Map.of());
    app.users().add(Actor.cli(), user("first"));
    BackupService backups = new BackupService(app.settings(), clock);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger added = new AtomicInteger(1);
    Thread writer = new Thread(() -> {
      while (!stop.get()) {
        app.users().add(Actor.cli(), user("user" + added.get()));
        added.incrementAndGet();
      }
    });
    writer.start();
    List<Integer> counts = new ArrayList<>();
    Path last = null;
    try {
      for (int i = 0; i < 5; i++) {
        Thread.sleep(100);
        last = backups.create(dir.resolve("b" + i + ".db"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(last)));
        counts.add(users(last));
      }
    } finally {
      stop.set(true);
      writer.join();
    }
    for (int i = 1; i < counts.size(); i++) {
      assertTrue(counts.get(i) >= counts.get(i - 1), counts.toString());
    }
    assertTrue(counts.get(4) > counts.get(0), "the writer made progress during the backups: " + counts);
    assertTrue(added.get() > counts.get(4), "later writes are not in the backup");

    app.database().shutdown();
    Path aside = backups.restore(last);
    assertTrue(Files.exists(aside));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(aside)));
    assertEquals(added.get(), users(aside), "the previous database is kept whole");
    AppComponent restored = TestApp.create(data, clock, Map.of());
    assertEquals(counts.get(4), restored.userQueries().count());
    assertEquals("rw-------", PosixFilePermissions.toString(
        Files.getPosixFilePermissions(data.resolve("vpn-manager.db"))));
    restored.users().add(Actor.cli(), user("after"));
  }

  @Test
  void restoreRefusesFilesThatAreNotOurDatabaseAndChangesNothing() throws Exception {
    Path data = dir.resolve("data");
    AppComponent app = TestApp.create(data, clock, Map.of());
    app.users().add(Actor.cli(), user("keep"));
    app.database().shutdown();
    BackupService backups = new BackupService(app.settings(), clock);
    byte[] before = Files.readAllBytes(data.resolve("vpn-manager.db"));

    Path text = Files.writeString(dir.resolve("notes.db"), "hello, not a database\n");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> backups.restore(text));
    assertTrue(e.getMessage().contains("is not a VPN Manager database backup"), e.getMessage());

    Path other = dir.resolve("other.db");
    try (Connection c = SqliteFiles.open(other, false); Statement st = c.createStatement()) {
      st.execute("create table vpn_user (id integer)");
    }
    assertThrows(InvalidInputException.class, () -> backups.restore(other));
    assertThrows(InvalidInputException.class, () -> backups.restore(dir.resolve("missing.db")));
    assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(data.resolve("vpn-manager.db"))));
    try (var files = Files.list(data)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().contains("before-restore")));
    }
  }

  @Test
  void dailyBackupsAreKeptWithRetention() throws Exception {
    AppComponent app = TestApp.create(dir.resolve("data"), clock, Map.of("backup.keep", "3"));
    BackupService backups = new BackupService(app.settings(), clock);
    List<Path> made = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      made.add(backups.createDaily());
      clock.advance(Duration.ofDays(1));
    }
    try (var files = Files.list(backups.backupDir())) {
      assertEquals(made.subList(2, 5), files.sorted().toList());
    }
    assertThrows(InvalidInputException.class, () -> backups.create(made.get(4)), "never overwrites");
  }
}
