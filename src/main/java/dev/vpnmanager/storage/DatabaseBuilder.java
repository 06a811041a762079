package dev.vpnmanager.storage;

import dev.vpnmanager.common.OperationFailedException;
import dev.vpnmanager.config.ConfigKeys;
import dev.vpnmanager.config.Settings;
import io.ebean.Database;
import io.ebean.DatabaseFactory;
import io.ebean.config.DatabaseConfig;
import io.ebean.datasource.DataSourceConfig;
import io.ebean.migration.MigrationConfig;
import io.ebean.migration.MigrationRunner;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Builds the Ebean {@link Database} from the JDBC URL and brings its schema up to date with the committed
 * migrations. SQLite gets WAL, a busy timeout and IMMEDIATE transactions (one connection per process), so
 * concurrent writers in several processes queue instead of failing with "database is locked"; no commit copies
 * the log into the file (WalCheckpoints does, on a thread of its own).
 */
public final class DatabaseBuilder {
  static final int SQLITE_BUSY_TIMEOUT_MS = 30_000;

  private DatabaseBuilder() {}

  public static Database build(Settings settings) {
    String url = settings.databaseUrl();
    boolean sqlite = url.startsWith("jdbc:sqlite:");
    if (sqlite) {
      DataDir.ensure(settings.dataDir());
      // SQLite gives the -wal and -shm files the database file's mode: create it owner-only first.
      DataDir.createSecretFile(sqliteFile(url));
    }
    DataSourceConfig ds = new DataSourceConfig();
    ds.setUrl(sqlite ? sqliteUrl(url) : url);
    ds.setUsername(settings.get(ConfigKeys.DATABASE_USER));
    ds.setPassword(settings.get(ConfigKeys.DATABASE_PASSWORD));
    ds.setMinConnections(1);
    // PostgreSQL: Quartz's clustered job store borrows from the same pool (see scheduling/JobStores)
    ds.setMaxConnections(sqlite ? 1 : 20);
    // Auto-commit between transactions: with it off, sqlite-jdbc begins the next (IMMEDIATE) transaction
    // right after each commit, so an idle connection would keep the write lock from other processes.
    ds.setAutoCommit(true);
    ds.setHeartbeatSql(null);
    ds.setFailOnStart(true);
    ds.setWaitTimeoutMillis(60_000);
    DatabaseConfig config = new DatabaseConfig();
    config.setName("vpn-manager");
    config.setRegister(false);
    config.setDefaultServer(false);
    config.setDataSourceConfig(ds);
    config.setDisableClasspathSearch(true);
    // auto-commit between transactions is deliberate (see above); skip Ebean's start-up check that warns of it
    config.setSkipDataSourceCheck(true);
    Entities.ALL.forEach(config::addClass);
    config.setRunMigration(false);
    // serve and the CLI close the database themselves, after the outbox and the jobs: Ebean's own hook would
    // race them at SIGTERM (a commit after its executor stopped logs a stack trace)
    config.shutdownHook(false);
    config.setDdlGenerate(false);
    config.setDdlRun(false);
    config.setDatabasePlatformName(sqlite ? "sqlite" : "postgres");
    if (!sqlite) {
      Database db = open(config, url);
      dev.vpnmanager.release.UpgradeGuard.check(db.dataSource(), "dbmigration/postgres", null,
          java.time.Clock.systemUTC());
      migrations("postgres").run(db.dataSource());
      return db;
    }
    // Opening a fresh file switches it to WAL, which needs the file to itself, and then creates the schema:
    // processes starting at once on the same file take turns for both, so none meets "database is locked".
    Path file = sqliteFile(url);
    Path lock = file.resolveSibling(file.getFileName() + ".open.lock");
    DataDir.createSecretFile(lock);
    try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.WRITE);
        FileLock ignored = ch.lock()) {
      Database db = open(config, url);
      dev.vpnmanager.release.UpgradeGuard.check(db.dataSource(), "dbmigration/sqlite",
          settings.dataDir().resolve("backups"), java.time.Clock.systemUTC());
      migrations("sqlite").run(db.dataSource());
      return db;
    } catch (IOException e) {
      throw new OperationFailedException("cannot lock " + lock + " to open the database: " + e.getMessage(), e);
    }
  }

  private static Database open(DatabaseConfig config, String url) {
    try {
      return DatabaseFactory.create(config);
    } catch (RuntimeException e) {
      throw new OperationFailedException("cannot open database " + redact(url) + ": " + rootMessage(e), e);
    }
  }

  private static MigrationRunner migrations(String platform) {
    MigrationConfig mc = new MigrationConfig();
    mc.setMigrationPath("dbmigration/" + platform);
    mc.setPlatform(platform);
    return new MigrationRunner(mc);
  }

  static Path sqliteFile(String url) {
    return Path.of(url.substring("jdbc:sqlite:".length()).replaceFirst("\\?.*", "")).toAbsolutePath();
  }

  static String sqliteUrl(String url) {
    String sep = url.contains("?") ? "&" : "?";
    return url + sep + "journal_mode=WAL&synchronous=NORMAL&foreign_keys=true&busy_timeout="
        + SQLITE_BUSY_TIMEOUT_MS + "&transaction_mode=IMMEDIATE&wal_autocheckpoint=0";
  }

  private static String redact(String url) {
    return url.replaceAll("password=[^&]*", "password=***");
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
