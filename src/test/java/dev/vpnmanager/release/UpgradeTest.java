package dev.vpnmanager.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.Main;
import io.ebean.migration.MigrationConfig;
import io.ebean.migration.MigrationRunner;
import io.ebean.migration.MigrationVersion;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upgrades and downgrades on real SQLite files: the last release's database, an older schema, a newer one. */
class UpgradeTest {
  static final String FIXTURE = "/fixtures/release-0.1.0/vpn-manager.db";
  static final List<String> FIXTURE_USERS = List.of("alice", "bob", "carol", "dave");

  @TempDir Path dir;

  record Result(int code, String out, String err) {}

  Result run(Path dataDir, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, Map.of("VPN_DATA_DIR", dataDir.toString(), "VPN_PUBLIC_HOST", "203.0.113.10"),
        new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  Path dataDirWithFixture() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
    try (InputStream in = getClass().getResourceAsStream(FIXTURE)) {
      Files.copy(in, data.resolve("vpn-manager.db"));
    }
    return data;
  }

  static List<String> versions(Path db) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
         Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("select mversion from db_migration where mtype = 'V' order by id")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  static List<Path> backups(Path data) throws Exception {
    Path dir = data.resolve("backups");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().startsWith("vpn-manager-pre-migration-")).toList();
    }
  }

  @Test
  void theLastReleasesDatabaseOpensMigratedWithItsUsers() throws Exception {
    Path data = dataDirWithFixture();
    List<String> before = versions(data.resolve("vpn-manager.db"));
    List<MigrationVersion> known = UpgradeGuard.known("dbmigration/sqlite", getClass().getClassLoader());

    Result r = run(data, "users", "list", "--format", "plain");
    assertEquals(0, r.code(), r.err());
    for (String u : FIXTURE_USERS) {
      assertTrue(r.out().contains(u), r.out());
    }
    Result dave = run(data, "users", "show", "dave", "--format", "json");
    assertEquals(0, dave.code(), dave.err());
    assertTrue(dave.out().contains("\"suspended\""), dave.out());

    List<String> after = versions(data.resolve("vpn-manager.db"));
    assertEquals(known.size(), after.size(), "every migration of this jar applied: " + after);
    // with migrations newer than the fixture, the upgrade made exactly one backup first
    assertEquals(before.size() < known.size() ? 1 : 0, backups(data).size(), "backups: " + backups(data));
  }

  @Test
  void pendingMigrationsOnAnExistingDatabaseAreBackedUpFirst() throws Exception {
    Path data = Files.createDirectories(dir.resolve("old"));
    Path db = data.resolve("vpn-manager.db");
    List<MigrationVersion> known = UpgradeGuard.known("dbmigration/sqlite", getClass().getClassLoader());
    assertTrue(known.size() >= 2, "needs two migrations: " + known);
    // an older release's schema: only this jar's first migration, applied by the same runner
    String first = firstMigrationFile();
    Path old = Files.createDirectories(dir.resolve("cp/dbmigration/sqlite"));
    try (InputStream in = getClass().getResourceAsStream("/dbmigration/sqlite/" + first)) {
      Files.copy(in, old.resolve(first));
    }
    try (URLClassLoader cl = new URLClassLoader(new URL[] {dir.resolve("cp").toUri().toURL()}, null);
         Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      MigrationConfig mc = new MigrationConfig();
      mc.setMigrationPath("dbmigration/sqlite");
      mc.setPlatform("sqlite");
      mc.setClassLoader(cl);
      new MigrationRunner(mc).run(c); // closes c
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      try (Statement st = c.createStatement()) {
        st.execute("create table upgrade_probe (v text)");
        st.execute("insert into upgrade_probe values ('written by the old release')");
      }
    }
    assertEquals(List.of(known.get(0).asString()), versions(db));

    Result r = run(data, "users", "list");
    assertEquals(0, r.code(), r.err());
    assertEquals(known.size(), versions(db).size(), "migrated to the newest");

    List<Path> made = backups(data);
    assertEquals(1, made.size(), "one backup before migrating: " + made);
    Path backup = made.get(0);
    assertTrue(backup.getFileName().toString().startsWith("vpn-manager-pre-migration-" + known.get(0).asString()),
        backup.toString());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(backup)));
    assertEquals(List.of(known.get(0).asString()), versions(backup), "the backup holds the old schema");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + backup);
         Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("select v from upgrade_probe")) {
      assertTrue(rs.next());
      assertEquals("written by the old release", rs.getString(1));
    }

    // up to date now: the next start makes no further backup
    assertEquals(0, run(data, "users", "list").code());
    assertEquals(1, backups(data).size());
  }

  @Test
  void aDatabaseFromANewerReleaseIsRefusedWithOneLine() throws Exception {
    Path data = dataDirWithFixture();
    Path db = data.resolve("vpn-manager.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
      st.execute("insert into db_migration (id, mchecksum, mtype, mversion, mcomment, mstatus, run_on, run_by, "
          + "run_time) values (99, 0, 'V', '99.0', 'from_a_future_release', 'SUCCESS', 0, 'test', 0)");
    }
    long size = Files.size(db);
    List<String> before = versions(db);

    Result r = run(data, "users", "list");
    assertEquals(1, r.code(), r.out() + r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().startsWith("error: the database was migrated by a newer vpn-manager (migration 99.0 is unknown"),
        r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    assertEquals(before, versions(db), "nothing migrated");
    assertEquals(size, Files.size(db));
    assertEquals(List.of(), backups(data));
  }

  private String firstMigrationFile() throws Exception {
    Path folder = Path.of(getClass().getResource("/dbmigration/sqlite").toURI());
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql"))
          .min((a, b) -> MigrationVersion.parse(a.replace(".sql", ""))
              .compareTo(MigrationVersion.parse(b.replace(".sql", "")))).orElseThrow();
    }
  }
}
