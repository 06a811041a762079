package dev.vpnmanager.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.config.Settings;
import io.ebean.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commits never copy the write-ahead log into the database file (SQLite would, in the commit that takes the log
 * past 1,000 pages, and that commit would wait for the copy and its fsync): the copy is WalCheckpoints' job, on
 * its own connection.
 */
class WalCheckpointsTest {
  @TempDir
  Path dir;

  @Test
  void commitsLeaveTheCopyToTheCheckpointThread() throws Exception {
    DatabaseHolder holder = new DatabaseHolder(Settings.of(Map.of("data-dir", dir.toString())));
    Database db = holder.get();
    Path wal = dir.resolve("vpn-manager.db-wal");
    try {
      holder.checkpoints().stop(); // no copy at all from here: what the commits do alone
      db.sqlUpdate("create table filler (b blob)").execute();
      Tx tx = new Tx(db);
      for (int i = 0; i < 12; i++) { // 12 commits of ~512 KB: 1,500 pages and more
        tx.run(txn -> {
          try (PreparedStatement ps = txn.connection().prepareStatement("insert into filler values (randomblob(?))")) {
            for (int k = 0; k < 16; k++) {
              ps.setInt(1, 32 * 1024);
              ps.executeUpdate();
            }
          } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
          }
        });
      }
      // SQLite's own checkpoint would have copied the log at 1,000 pages and begun it again: about 4 MB at most
      assertTrue(Files.size(wal) > 6L * 1024 * 1024, "the log holds every commit: " + Files.size(wal) + " bytes");

      WalCheckpoints w = WalCheckpoints.start(DatabaseBuilder.sqliteFile("jdbc:sqlite:" + dir.resolve("vpn-manager.db")),
          (io.ebean.datasource.DataSourcePool) db.dataSource());
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (w.copied() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertTrue(w.copied() > 1_500, "the checkpoint thread copied the log: " + w.copied() + " frames");
      long[] frames = w.checkpoint();
      assertEquals(frames[0], frames[1], "every frame of the log is in the database file");
      long before = Files.size(wal);
      db.sqlUpdate("insert into filler values (randomblob(100))").execute();
      assertEquals(before, Files.size(wal), "the next commit writes the log from its start again");
      w.stop();
    } finally {
      holder.closeIfOpen();
    }
    assertTrue(!Files.exists(wal) || Files.size(wal) == 0, "the last connection to close leaves no log behind");
  }

  @Test
  void aDatabaseShutDownWithoutItsHolderStopsItsCheckpoints() throws Exception {
    DatabaseHolder holder = new DatabaseHolder(Settings.of(Map.of("data-dir", dir.toString())));
    Database db = holder.get();
    WalCheckpoints w = holder.checkpoints();
    db.sqlUpdate("create table filler (b blob)").execute();
    w.checkpoint(); // its connection is open now
    db.shutdown(); // as tests and benchmarks do
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!w.stopped() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(w.stopped(), "no connection left open on a database that was shut down");
  }
}
