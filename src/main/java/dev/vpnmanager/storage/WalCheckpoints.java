package dev.vpnmanager.storage;

import io.ebean.datasource.DataSourcePool;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * Copies SQLite's write-ahead log back into the database file on a connection and a thread of its own, once a
 * second. Left to SQLite, the commit that takes the log past 1,000 pages does that copy and its fsync before it
 * returns: at 100,000 users every third traffic cycle waited 6-9 ms longer for it, and any chat command or CLI
 * write could be the one to pay. So every connection we open has {@code wal_autocheckpoint=0}
 * ({@link DatabaseBuilder}) and the copy happens here, PASSIVE: it waits for no reader and no writer, and copies
 * what no reader still needs (the rest next time). The last connection of a process to close copies what is left
 * (SQLite does that itself), so a CLI command that ends within the second needs nothing from here.
 *
 * <p>One daemon thread for every database of the process. A checkpoint stops by itself once its database's pool
 * is shut down or its file is gone.
 */
final class WalCheckpoints {
  static final long PERIOD_MS = 1_000;
  private static final Logger LOG = LoggerFactory.getLogger(WalCheckpoints.class);
  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "sqlite-checkpoint");
    t.setDaemon(true);
    return t;
  });

  private final Path file;
  private final DataSourcePool pool;
  private ScheduledFuture<?> task;
  private Connection connection;
  private boolean stopped;
  private long copied;

  private WalCheckpoints(Path file, DataSourcePool pool) {
    this.file = file;
    this.pool = pool;
  }

  /** Checkpoints {@code file}'s log every {@link #PERIOD_MS} until {@link #stop} or until {@code pool} shuts down. */
  static WalCheckpoints start(Path file, DataSourcePool pool) {
    WalCheckpoints w = new WalCheckpoints(file, pool);
    w.task = TIMER.scheduleWithFixedDelay(w::tick, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    return w;
  }

  private void tick() {
    try {
      if (!pool.isOnline() || !java.nio.file.Files.exists(file)) { // shut down, or the file is gone (tests)
        stop();
        return;
      }
      checkpoint();
    } catch (SQLException | RuntimeException e) {
      // the next tick tries again on a new connection; the log only grows meanwhile
      LOG.debug("checkpoint of {} failed: {}", file, e.toString());
      closeConnection();
    }
  }

  /** One PASSIVE checkpoint now; returns the log's frames and how many of them are in the database file. */
  synchronized long[] checkpoint() throws SQLException {
    if (stopped) {
      return new long[] {0, 0};
    }
    if (connection == null) {
      SQLiteConfig c = new SQLiteConfig();
      c.setBusyTimeout(DatabaseBuilder.SQLITE_BUSY_TIMEOUT_MS);
      connection = DriverManager.getConnection("jdbc:sqlite:" + file, c.toProperties());
    }
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("pragma wal_checkpoint(PASSIVE)")) {
      rs.next();
      long[] frames = {rs.getLong(2), rs.getLong(3)};
      copied += Math.max(0, frames[1]);
      return frames;
    }
  }

  /** Frames copied into the database file so far (tests). */
  synchronized long copied() {
    return copied;
  }

  /** True once stopped (tests). */
  synchronized boolean stopped() {
    return stopped && connection == null;
  }

  synchronized void stop() {
    stopped = true;
    if (task != null) {
      task.cancel(false);
    }
    closeConnection();
  }

  private synchronized void closeConnection() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        LOG.debug("closing the checkpoint connection of {}: {}", file, e.toString());
      }
      connection = null;
    }
  }
}
