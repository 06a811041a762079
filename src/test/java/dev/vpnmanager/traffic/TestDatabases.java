package dev.vpnmanager.traffic;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vpnmanager.testing.Peers;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

/** A fresh PostgreSQL database for a traffic test, from VPN_TEST_POSTGRES_URL (scripts/test-postgres.sh). */
final class TestDatabases {
  private TestDatabases() {}

  static String freshPostgres() throws Exception {
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
