package dev.vpnmanager.release;

import dev.vpnmanager.common.OperationFailedException;
import io.ebean.migration.MigrationVersion;
import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs before the migrations on an existing database. A database that a newer release migrated (it has a
 * migration this jar does not know) is refused, since this release would misread it. An existing SQLite
 * database with pending migrations is first copied to {@code backups/vpn-manager-pre-migration-...db}
 * (VACUUM INTO, mode 0600), so an upgrade can be undone. A fresh database passes untouched.
 */
public final class UpgradeGuard {
  static final String META_TABLE = "db_migration";
  private static final Logger LOG = LoggerFactory.getLogger(UpgradeGuard.class);
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private UpgradeGuard() {}

  /**
   * @param migrationPath classpath folder of this jar's migrations, e.g. {@code dbmigration/sqlite}
   * @param backupDir where the pre-migration copy goes; null: no copy (PostgreSQL: use pg_dump)
   * @return the backup written, or null
   */
  public static Path check(DataSource ds, String migrationPath, Path backupDir, Clock clock) {
    List<MigrationVersion> applied = applied(ds);
    if (applied.isEmpty()) {
      return null;
    }
    List<MigrationVersion> known = known(migrationPath, UpgradeGuard.class.getClassLoader());
    List<MigrationVersion> unknown = applied.stream().filter(a -> !contains(known, a)).toList();
    if (!unknown.isEmpty()) {
      throw new OperationFailedException("the database was migrated by a newer vpn-manager (migration "
          + unknown.get(unknown.size() - 1).asString() + " is unknown to " + BuildInfo.current().version()
          + "): run that version again, or restore a backup made before the upgrade (backup restore FILE)");
    }
    List<MigrationVersion> pending = known.stream().filter(k -> !contains(applied, k)).toList();
    if (pending.isEmpty() || backupDir == null) {
      return null;
    }
    Path out = backupDir.resolve("vpn-manager-pre-migration-" + applied.get(applied.size() - 1).asString() + "-"
        + STAMP.format(clock.instant()) + ".db");
    backup(ds, out);
    LOG.warn("database backed up to {} before migrating it to {}", out, pending.get(pending.size() - 1).asString());
    return out;
  }

  private static boolean contains(List<MigrationVersion> list, MigrationVersion v) {
    return list.stream().anyMatch(x -> x.compareTo(v) == 0);
  }

  /** Versions applied to the database, ascending; empty for a database without the migration table. */
  static List<MigrationVersion> applied(DataSource ds) {
    List<MigrationVersion> out = new ArrayList<>();
    try (Connection c = ds.getConnection()) {
      boolean exists;
      try (ResultSet rs = c.getMetaData().getTables(null, null, META_TABLE, null)) {
        exists = rs.next();
      }
      if (!exists) {
        return out;
      }
      try (Statement st = c.createStatement();
           ResultSet rs = st.executeQuery("select mversion from " + META_TABLE + " where mtype = 'V'")) {
        while (rs.next()) {
          out.add(MigrationVersion.parse(rs.getString(1)));
        }
      }
    } catch (SQLException e) {
      throw new OperationFailedException("cannot read the database's migrations: " + e.getMessage(), e);
    }
    out.sort(null);
    return out;
  }

  /** Versions of this jar's migrations (file names {@code VERSION__comment.sql}), ascending. */
  static List<MigrationVersion> known(String migrationPath, ClassLoader loader) {
    List<MigrationVersion> out = new ArrayList<>();
    for (String name : resourceNames(migrationPath, loader)) {
      if (name.endsWith(".sql")) {
        out.add(MigrationVersion.parse(name.substring(0, name.length() - ".sql".length())));
      }
    }
    out.sort(null);
    return out;
  }

  private static List<String> resourceNames(String folder, ClassLoader loader) {
    List<String> names = new ArrayList<>();
    try {
      Enumeration<URL> urls = loader.getResources(folder);
      while (urls.hasMoreElements()) {
        URL url = urls.nextElement();
        if ("jar".equals(url.getProtocol())) {
          JarURLConnection conn = (JarURLConnection) url.openConnection();
          conn.setUseCaches(false);
          try (JarFile jar = conn.getJarFile()) {
            String prefix = folder + "/";
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
              String n = e.nextElement().getName();
              if (n.startsWith(prefix) && n.indexOf('/', prefix.length()) < 0 && n.length() > prefix.length()) {
                names.add(n.substring(prefix.length()));
              }
            }
          }
        } else if ("file".equals(url.getProtocol())) {
          try (Stream<Path> files = Files.list(Paths.get(url.toURI()))) {
            files.forEach(p -> names.add(p.getFileName().toString()));
          }
        }
      }
    } catch (IOException | URISyntaxException e) {
      throw new OperationFailedException("cannot list the migrations in " + folder + ": " + e.getMessage(), e);
    }
    return names;
  }

  private static void backup(DataSource ds, Path out) {
    Path tmp = out.resolveSibling(out.getFileName() + ".partial");
    try {
      if (!Files.isDirectory(out.getParent())) {
        Files.createDirectories(out.getParent(),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      Files.deleteIfExists(tmp);
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("vacuum into ?")) {
        ps.setString(1, tmp.toString());
        ps.execute();
      }
      Files.move(tmp, out);
    } catch (IOException | SQLException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException ignored) {
        // best effort
      }
      throw new OperationFailedException("cannot back the database up to " + out + " before migrating it: "
          + e.getMessage() + "; nothing was migrated", e);
    }
  }
}
