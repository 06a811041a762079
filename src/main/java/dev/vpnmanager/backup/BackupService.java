package dev.vpnmanager.backup;

import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.common.OperationFailedException;
import dev.vpnmanager.config.ConfigKeys;
import dev.vpnmanager.config.Settings;
import dev.vpnmanager.storage.DataDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Online backups of the SQLite database: {@code VACUUM INTO} on a connection of its own copies one consistent
 * snapshot while the daemon keeps writing (WAL readers do not block writers). Files are mode 0600; daily ones
 * live in data-dir/backups and the newest {@code backup.keep} are kept. Restore refuses any file that is not
 * our database and moves the current one aside first.
 */
@Singleton
public final class BackupService {
  static final String PREFIX = "vpn-manager-";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
  private final Settings settings;
  private final Clock clock;

  @Inject
  public BackupService(Settings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  public Path backupDir() {
    return settings.dataDir().resolve("backups");
  }

  /** A new backup in the backup dir, named after the time, then the oldest beyond retention are deleted. */
  public Path createDaily() {
    DataDir.ensure(backupDir());
    Path out = backupDir().resolve(PREFIX + STAMP.format(clock.instant()) + ".db");
    create(out);
    prune(keep());
    return out;
  }

  /** A backup into {@code out}, which must not exist yet. */
  public Path create(Path out) {
    Path db = databaseFile();
    Path target = out.toAbsolutePath();
    if (Files.exists(target)) {
      throw new InvalidInputException(target + " already exists");
    }
    Path tmp = target.resolveSibling(target.getFileName() + ".partial");
    try {
      Files.deleteIfExists(tmp);
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try (Connection c = SqliteFiles.open(db, false);
           PreparedStatement ps = c.prepareStatement("vacuum into ?")) {
        ps.setString(1, tmp.toString());
        ps.execute();
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } catch (IOException | SQLException e) {
      deleteQuietly(tmp);
      throw new OperationFailedException("backup failed: " + e.getMessage(), e);
    }
  }

  /** Replaces the database with {@code file}; the current one is kept as vpn-manager.db.before-restore-TIME. */
  public Path restore(Path file) {
    Path source = file.toAbsolutePath();
    SqliteFiles.requireOurs(source);
    Path db = databaseFile();
    Path aside = db.resolveSibling(db.getFileName() + ".before-restore-" + STAMP.format(clock.instant()));
    try {
      DataDir.ensure(db.getParent());
      if (Files.exists(db)) {
        checkpoint(db);
        Files.move(db, aside);
        Files.deleteIfExists(db.resolveSibling(db.getFileName() + "-wal"));
        Files.deleteIfExists(db.resolveSibling(db.getFileName() + "-shm"));
      }
      Path tmp = db.resolveSibling(db.getFileName() + ".restoring");
      Files.deleteIfExists(tmp);
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try (var out = Files.newOutputStream(tmp, java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
        Files.copy(source, out);
      }
      Files.move(tmp, db, StandardCopyOption.ATOMIC_MOVE);
      return Files.exists(aside) ? aside : null;
    } catch (IOException | SQLException e) {
      throw new OperationFailedException("restore failed: " + e.getMessage()
          + (Files.exists(aside) ? "; the previous database is at " + aside : ""), e);
    }
  }

  /** Deletes the oldest daily backups beyond {@code keep}; returns what it deleted. */
  public List<Path> prune(int keep) {
    try (Stream<Path> files = Files.list(backupDir())) {
      List<Path> daily = files.filter(p -> p.getFileName().toString().matches(PREFIX + "\\d{8}-\\d{6}\\.db"))
          .sorted().toList();
      List<Path> old = daily.subList(0, Math.max(0, daily.size() - keep));
      old.forEach(p -> {
        deleteQuietly(p);
        deleteQuietly(p.resolveSibling(p.getFileName() + ".gpg"));
      });
      return old;
    } catch (IOException e) {
      throw new OperationFailedException("cannot list " + backupDir() + ": " + e.getMessage(), e);
    }
  }

  int keep() {
    return keep(settings);
  }

  /** How many daily backups to keep; a bad value is a clear error at start. */
  static int keep(Settings settings) {
    String v = settings.get(ConfigKeys.BACKUP_KEEP);
    try {
      int n = Integer.parseInt(v);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidInputException("backup.keep must be a whole number of at least 1, not '" + v + "'");
  }

  Path databaseFile() {
    String url = settings.databaseUrl();
    if (!url.startsWith("jdbc:sqlite:")) {
      throw new OperationFailedException("backups cover the SQLite database only; back up PostgreSQL with pg_dump");
    }
    return Path.of(url.substring("jdbc:sqlite:".length()).replaceFirst("\\?.*", "")).toAbsolutePath();
  }

  private static void checkpoint(Path db) throws SQLException {
    try (Connection c = SqliteFiles.open(db, false); var st = c.createStatement()) {
      st.execute("pragma wal_checkpoint(TRUNCATE)");
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // best effort
    }
  }
}
