package dev.vpnmanager.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.storage.StateStore;
import dev.vpnmanager.storage.Tx;
import dev.vpnmanager.testing.FakeClock;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.user.NewUser;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Migration 1.4 moves the last-seen counters of the 1.1 schema (one traffic_counter row per server and key,
 * the epoch in state_entry 'traffic.epoch.SERVER') into one traffic_snapshot row per server. A database is put
 * in the state the old code left it in, with counters that moved on since its last cycle; after the upgrade the
 * first cycle must count exactly the bytes moved since then: none lost, none counted twice. Migration 2.0 then
 * drops the emptied traffic_counter table (the drop 1.4 left pending) and 2.1 numbers the snapshot rows'
 * writes (generation, 0 for the rows there were).
 */
class SnapshotMigrationTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres"})
  void countersInFlightAcrossTheUpgradeCountOnce(String platform) throws Exception {
    FakeClock clock = FakeClock.at("2026-03-01T12:00:00Z");
    Map<String, String> settings = platform.equals("postgres")
        ? Map.of("database.url", TestDatabases.freshPostgres()) : Map.of();
    AppComponent app = TestApp.create(dir, clock, settings);
    for (String n : List.of("alice", "bob", "carol", "dave")) {
      app.users().add(Actor.cli(), new NewUser(n, "vless", null, 0, null, null, null));
    }
    Tx tx = new Tx(app.database());
    StateStore state = new StateStore(tx);
    // what the 1.1 code left behind after its last cycle: last values, epochs, the bytes it counted
    tx.run(txn -> sql(txn.connection(), c -> {
      exec(c, oldCounterTable(platform)); // as 1.1 made it (2.0 dropped it)
      usedBytesBackOnVpnUser(c); // as 1.0 made it (2.7 moved it)
      oldCounter(c, "vless-1", "alice", 5_000);
      oldCounter(c, "vless-1", "bob", 300);
      oldCounter(c, "vless-1", "ghost", 777); // a key that is no user: tracked, counted nowhere
      oldCounter(c, "ss-1", "carol", 9_000);
      used(c, "alice", 5_000);
      used(c, "bob", 300);
      used(c, "carol", 9_000);
      exec(c, "delete from traffic_snapshot");
      // the schema as 1.1 had it, plus the tables of the later migrations
      exec(c, "delete from db_migration where mversion in ('1.4', '2.0', '2.1', '2.7')");
      exec(c, "drop table traffic_snapshot");
      state.put(txn, "traffic.epoch.vless-1", "started-1");
      state.put(txn, "traffic.epoch.ss-1", "started-A");
      state.put(txn, "traffic.epoch.wg-1", "started-W"); // a server whose counters had not moved yet
    }));
    app.database().shutdown();

    AppComponent upgraded = TestApp.create(dir, clock, settings); // runs 1.4, 2.0, 2.1 and 2.7
    Tx utx = new Tx(upgraded.database());
    assertFalse(tableExists(upgraded, "traffic_counter"), "moved by 1.4, then dropped by 2.0");
    assertEquals(0L, count(utx, "select count(*) from traffic_snapshot where generation <> 0"));
    assertEquals(0L, count(utx, "select count(*) from state_entry where state_key like 'traffic.epoch.%'"));
    assertEquals(3L, count(utx, "select count(*) from traffic_snapshot"));

    TrafficCollector collector = new TrafficCollector(utx, Optional.empty(), clock);
    // the counters moved on while the daemon was being upgraded
    collector.collect(List.of(
        source("vless-1", "started-1", Map.of("alice", 5_600L, "bob", 300L, "ghost", 900L)),
        source("ss-1", "started-B", Map.of("carol", 40L)), // restarted during the upgrade: all 40 bytes are new
        source("wg-1", "started-W", Map.of("dave", 50L))));
    assertEquals(5_600, upgraded.users().show("alice").usedBytes(), "600 new bytes, the 5,000 not again");
    assertEquals(300, upgraded.users().show("bob").usedBytes(), "nothing moved, nothing counted");
    assertEquals(9_040, upgraded.users().show("carol").usedBytes());
    assertEquals(50, upgraded.users().show("dave").usedBytes());
    CycleResult again = collector.collect(List.of(
        source("vless-1", "started-1", Map.of("alice", 5_600L, "bob", 310L, "ghost", 900L)),
        source("ss-1", "started-B", Map.of("carol", 40L))));
    assertEquals(10, again.bytes(), "only bob's 10 new bytes");
    assertEquals(310, upgraded.users().show("bob").usedBytes());
    assertTrue(count(utx, "select count(*) from traffic_snapshot where epoch = 'started-B'") == 1);
    upgraded.database().shutdown();
  }

  /**
   * A database at 1.9 (the snapshot in use, the old table still there, empty) upgraded to 2.0 and 2.1: the
   * table goes, the snapshot rows stay, and the first cycle counts only what moved since the last one.
   */
  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres"})
  void snapshotRowsSurviveTheDropAndTheNewColumn(String platform) throws Exception {
    FakeClock clock = FakeClock.at("2026-03-01T12:00:00Z");
    Map<String, String> settings = platform.equals("postgres")
        ? Map.of("database.url", TestDatabases.freshPostgres()) : Map.of();
    AppComponent app = TestApp.create(dir, clock, settings);
    for (String n : List.of("alice", "bob")) {
      app.users().add(Actor.cli(), new NewUser(n, "vless", null, 0, null, null, null));
    }
    Tx tx = new Tx(app.database());
    new TrafficCollector(tx, Optional.empty(), clock).collect(List.of(
        source("vless-1", "started-1", Map.of("alice", 1_000L, "bob", 200L))));
    tx.run(txn -> sql(txn.connection(), c -> {
      exec(c, oldCounterTable(platform));
      exec(c, "alter table traffic_snapshot drop column generation");
      exec(c, "delete from db_migration where mversion in ('2.0', '2.1')");
    }));
    app.database().shutdown();

    AppComponent upgraded = TestApp.create(dir, clock, settings);
    assertFalse(tableExists(upgraded, "traffic_counter"));
    Tx utx = new Tx(upgraded.database());
    assertEquals(1L, count(utx, "select count(*) from traffic_snapshot where generation = 0"));
    CycleResult r = new TrafficCollector(utx, Optional.empty(), clock).collect(List.of(
        source("vless-1", "started-1", Map.of("alice", 1_700L, "bob", 200L))));
    assertEquals(700, r.bytes());
    assertEquals(1_700, upgraded.users().show("alice").usedBytes());
    assertEquals(200, upgraded.users().show("bob").usedBytes());
    // the cycle moved one of the row's two lines: it wrote them as the server's generation 1, a patch (2.9)
    assertEquals(1L, count(utx, "select count(*) from traffic_patch where generation = 1"));
    upgraded.database().shutdown();
  }

  /**
   * Migration 2.7 moves each user's used bytes from vpn_user to the narrow user_usage table, value for value
   * (past 2^31 too, and 0): after the upgrade readers see the same figures, the old column is gone, a cycle
   * adds to them, a reset zeroes them and a deleted user's row goes with them.
   */
  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres"})
  void usedBytesMoveToUserUsageExactly(String platform) throws Exception {
    FakeClock clock = FakeClock.at("2026-03-01T12:00:00Z");
    Map<String, String> settings = platform.equals("postgres")
        ? Map.of("database.url", TestDatabases.freshPostgres()) : Map.of();
    AppComponent app = TestApp.create(dir, clock, settings);
    for (String n : List.of("alice", "bob", "carol")) {
      app.users().add(Actor.cli(), new NewUser(n, "vless", null, 0, null, null, null));
    }
    Tx tx = new Tx(app.database());
    tx.run(txn -> sql(txn.connection(), c -> {
      usedBytesBackOnVpnUser(c);
      used(c, "alice", 5_000_000_000_123L);
      used(c, "bob", 7);
      exec(c, "delete from db_migration where mversion = '2.7'");
    }));
    app.database().shutdown();

    AppComponent upgraded = TestApp.create(dir, clock, settings);
    Tx utx = new Tx(upgraded.database());
    assertEquals(5_000_000_000_123L, upgraded.users().show("alice").usedBytes());
    assertEquals(7, upgraded.users().show("bob").usedBytes());
    assertEquals(0, upgraded.users().show("carol").usedBytes());
    assertEquals(3L, count(utx, "select count(*) from user_usage"));
    assertFalse(columnExists(upgraded, "vpn_user", "used_bytes"), "one home for the figure");
    new TrafficCollector(utx, Optional.empty(), clock).collect(List.of(
        source("vless-1", "started-1", Map.of("alice", 100L, "carol", 30L))));
    assertEquals(5_000_000_000_223L, upgraded.users().show("alice").usedBytes());
    assertEquals(30, upgraded.users().show("carol").usedBytes());
    upgraded.users().resetTraffic(Actor.cli(), "alice");
    assertEquals(0, upgraded.users().show("alice").usedBytes());
    upgraded.users().delete(Actor.cli(), "bob");
    assertEquals(2L, count(utx, "select count(*) from user_usage"));
    upgraded.database().shutdown();
  }

  /** Puts used_bytes back on vpn_user and drops user_usage: the schema before 2.7. */
  private static void usedBytesBackOnVpnUser(Connection c) throws SQLException {
    exec(c, "alter table vpn_user add column used_bytes bigint default 0 not null");
    exec(c, "drop table user_usage");
  }

  private static boolean columnExists(AppComponent app, String table, String column) {
    return new Tx(app.database()).write(txn -> {
      try (ResultSet rs = txn.connection().getMetaData().getColumns(null, null, table, column)) {
        return rs.next();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  /** traffic_counter as 1.1 made it on both databases (2.0 dropped it). */
  private static String oldCounterTable(String platform) {
    return "create table traffic_counter (id "
        + (platform.equals("postgres") ? "bigint generated by default as identity" : "integer") + " not null,"
        + " server_name varchar(32) not null, counter_key varchar(128) not null, last_value integer not null,"
      + " constraint uq_traffic_counter_server_name_counter_key unique (server_name,counter_key),"
      + " constraint pk_traffic_counter primary key (id))";
  }

  private static boolean tableExists(AppComponent app, String table) {
    return new Tx(app.database()).write(txn -> {
      try (ResultSet rs = txn.connection().getMetaData().getTables(null, null, table, null)) {
        return rs.next();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static CounterSource source(String server, String epoch, Map<String, Long> totals) {
    return new CounterSource() {
      @Override
      public String serverName() {
        return server;
      }

      @Override
      public Map<String, Long> read() {
        return totals;
      }

      @Override
      public String epoch() {
        return epoch;
      }
    };
  }

  /** The row the 1.1 code's TrafficStore.saveCounters wrote. */
  private static void oldCounter(Connection c, String server, String key, long value) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "insert into traffic_counter (server_name, counter_key, last_value) values (?, ?, ?)")) {
      ps.setString(1, server);
      ps.setString(2, key);
      ps.setLong(3, value);
      ps.executeUpdate();
    }
  }

  private static void used(Connection c, String user, long bytes) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("update vpn_user set used_bytes = ? where username = ?")) {
      ps.setLong(1, bytes);
      ps.setString(2, user);
      ps.executeUpdate();
    }
  }

  private static void exec(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static long count(Tx tx, String sql) {
    return tx.write(txn -> {
      try (Statement s = txn.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
        rs.next();
        return rs.getLong(1);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private interface Work {
    void run(Connection c) throws SQLException;
  }

  private static void sql(Connection c, Work work) {
    try {
      work.run(c);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
