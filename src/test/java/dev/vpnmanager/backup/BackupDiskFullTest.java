package dev.vpnmanager.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.common.OperationFailedException;
import dev.vpnmanager.testing.FakeClock;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.user.NewUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backup onto a full disk, for real: VPN_TEST_SMALL_FS names an empty directory on a tiny file system (as
 * root: {@code mount -t tmpfs -o size=64k tmpfs DIR}). The backup fails with one clear error, leaves no file
 * behind, and the database is untouched.
 */
class BackupDiskFullTest {
  @TempDir Path dir;

  @Test
  void aBackupOntoAFullDiskFailsClearlyAndLeavesTheDatabaseUntouched() throws Exception {
    String small = System.getenv("VPN_TEST_SMALL_FS");
    Path fs = small != null && !small.isBlank() ? Path.of(small) : mountTiny();
    try {
      fullDisk(fs);
    } finally {
      if (small == null || small.isBlank()) {
        new ProcessBuilder("umount", fs.toString()).inheritIO().start().waitFor();
      }
    }
  }

  /** As root, a 64 KiB tmpfs of the test's own; elsewhere the test skips (or fails when peers are required). */
  private Path mountTiny() throws Exception {
    Path mnt = Files.createDirectories(dir.resolve("tiny"));
    boolean root = "root".equals(System.getProperty("user.name"));
    int rc = root ? new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mnt.toString())
        .inheritIO().start().waitFor() : -1;
    if (rc != 0) {
      String why = "a tiny file system is needed: run as root (the test mounts a tmpfs) or set VPN_TEST_SMALL_FS";
      if (dev.vpnmanager.testing.Peers.required()) {
        org.junit.jupiter.api.Assertions.fail(why);
      }
      Assumptions.assumeTrue(false, why);
    }
    return mnt;
  }

  private void fullDisk(Path fs) throws Exception {
    FakeClock clock = FakeClock.at("2026-09-01T12:00:00Z");
    AppComponent app = TestApp.create(dir, clock, Map.of());
    for (int i = 0; i < 400; i++) {
      app.users().add(Actor.cli(), new NewUser("user" + i, "vless", null, 0, null, null, "note " + "x".repeat(150)));
    }
    BackupService backups = new BackupService(app.settings(), clock);
    Path db = backups.databaseFile();
    assertTrue(Files.size(db) > 64 * 1024 || Files.exists(db.resolveSibling(db.getFileName() + "-wal")));
    Path out = fs.resolve("backup.db");
    OperationFailedException e = assertThrows(OperationFailedException.class, () -> backups.create(out));
    assertTrue(e.getMessage().startsWith("backup failed:") && e.getMessage().contains("full"), e.getMessage());
    assertTrue(!Files.exists(out) && !Files.exists(fs.resolve("backup.db.partial")), "nothing left on the full disk");
    assertEquals(400, app.userQueries().count(), "the database still reads");
    app.users().add(Actor.cli(), new NewUser("after", "vless", null, 0, null, null, null));
    assertEquals(401, app.userQueries().count(), "and still writes");
    try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
         var rs = c.createStatement().executeQuery("pragma integrity_check")) {
      rs.next();
      assertEquals("ok", rs.getString(1));
    }
    app.database().shutdown();
  }
}
