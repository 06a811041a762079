package dev.vpnmanager.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A new, empty database on the throw-away PostgreSQL server of {@code VPN_TEST_POSTGRES_URL} (set by
 * {@code eval "$(scripts/test-postgres.sh)"}); skips the test without it (fails under CI).
 */
public final class FreshPostgres {
  private FreshPostgres() {}

  /** The JDBC URL of a database created just now. */
  public static String create() throws SQLException {
    String admin = System.getenv("VPN_TEST_POSTGRES_URL");
    if (admin == null) {
      String msg = "VPN_TEST_POSTGRES_URL not set: run eval \"$(scripts/test-postgres.sh)\" to test PostgreSQL";
      if (Peers.required()) {
        fail(msg);
      }
      assumeTrue(false, msg);
    }
    String name = "t_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
      s.execute("create database " + name);
    }
    return admin.replaceFirst("/postgres\\?", "/" + name + "?");
  }
}
