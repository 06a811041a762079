package dev.vpnmanager.backup;

import dev.vpnmanager.common.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import org.sqlite.SQLiteConfig;

/** Opening SQLite files on connections of their own, and telling our database from any other file. */
final class SqliteFiles {
  private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

  private SqliteFiles() {}

  static Connection open(Path file, boolean readOnly) throws SQLException {
    SQLiteConfig c = new SQLiteConfig();
    c.setReadOnly(readOnly);
    c.setBusyTimeout(30_000);
    return DriverManager.getConnection("jdbc:sqlite:" + file, c.toProperties());
  }

  /** Refuses anything but a VPN Manager database: an SQLite file with our migration table and user table. */
  static void requireOurs(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(file + " is not a file");
    }
    byte[] head = new byte[MAGIC.length];
    try (InputStream in = Files.newInputStream(file)) {
      if (in.readNBytes(head, 0, head.length) != head.length || !Arrays.equals(head, MAGIC)) {
        throw notOurs(file, "not an SQLite database");
      }
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + file + ": " + e.getMessage());
    }
    try (Connection c = open(file, true); Statement st = c.createStatement()) {
      if (!hasTable(st, "db_migration") || !hasTable(st, "vpn_user")) {
        throw notOurs(file, "an SQLite database without VPN Manager's tables");
      }
      try (ResultSet rs = st.executeQuery(
          "select count(*) from db_migration where mversion = '1.0' and mstatus = 'SUCCESS'")) {
        if (!rs.next() || rs.getInt(1) != 1) {
          throw notOurs(file, "no VPN Manager schema migration recorded");
        }
      }
    } catch (SQLException e) {
      throw notOurs(file, e.getMessage());
    }
  }

  private static boolean hasTable(Statement st, String name) throws SQLException {
    try (ResultSet rs = st.executeQuery(
        "select count(*) from sqlite_master where type = 'table' and name = '" + name + "'")) {
      return rs.next() && rs.getInt(1) == 1;
    }
  }

  private static InvalidInputException notOurs(Path file, String why) {
    return new InvalidInputException(file + " is not a VPN Manager database backup (" + why + ")");
  }
}
