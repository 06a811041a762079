package dev.vpnmanager.storage;

import dev.vpnmanager.config.Settings;
import io.ebean.Database;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Opens the database once, on first use, and remembers a failure, so closing a process whose database never
 * opened does not try (and wait) to open it again.
 */
@Singleton
public final class DatabaseHolder {
  private final Settings settings;
  private Database db;
  private WalCheckpoints checkpoints;
  private RuntimeException failure;

  @Inject
  public DatabaseHolder(Settings settings) {
    this.settings = settings;
  }

  public synchronized Database get() {
    if (failure != null) {
      throw failure;
    }
    if (db == null) {
      try {
        db = DatabaseBuilder.build(settings);
        String url = settings.databaseUrl();
        if (url.startsWith("jdbc:sqlite:")) {
          checkpoints = WalCheckpoints.start(DatabaseBuilder.sqliteFile(url),
              (io.ebean.datasource.DataSourcePool) db.dataSource());
        }
      } catch (RuntimeException e) {
        failure = e;
        throw e;
      }
    }
    return db;
  }

  /** The log's checkpoints of an open SQLite database; null otherwise (tests). */
  synchronized WalCheckpoints checkpoints() {
    return checkpoints;
  }

  /** Shuts the database down if it was opened; does nothing otherwise. */
  public synchronized void closeIfOpen() {
    if (checkpoints != null) {
      checkpoints.stop();
      checkpoints = null;
    }
    if (db != null) {
      db.shutdown();
      db = null;
    }
  }
}
