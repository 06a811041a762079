package dev.vpnmanager.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.storage.Tx;
import dev.vpnmanager.testing.FakeClock;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.testing.TrafficRows;
import dev.vpnmanager.user.NewUser;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cycles append their bytes of the day to traffic_log and the fold moves them into daily_traffic: every
 * figure the readers give is the same before and after a fold, each key ends as one row holding the sum, and
 * folds running at the same time as cycles and as each other (two managers on one PostgreSQL) move every row
 * exactly once.
 */
class TrafficFoldTest {
  private static final LocalDate DAY1 = LocalDate.parse("2026-03-01");
  private static final LocalDate DAY2 = LocalDate.parse("2026-03-02");
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres"})
  void aFoldChangesNoFigureAndLeavesOneRowPerKey(String platform) throws Exception {
    FakeClock clock = FakeClock.at("2026-03-01T12:00:00Z");
    AppComponent app = app(platform, clock);
    Tx tx = new Tx(app.database());
    TrafficCollector collector = new TrafficCollector(tx, Optional.empty(), clock);
    TrafficRows.add(app.database(), "alice", "vless-1", DAY1, 5); // folded earlier: the fold adds to it
    Map<String, Long> vless = new ConcurrentHashMap<>();
    Map<String, Long> ss = new ConcurrentHashMap<>();
    for (int i = 1; i <= 6; i++) {
      if (i == 4) {
        clock.advance(Duration.ofDays(1));
      }
      vless.put("alice", 100L * i);
      vless.put("bob", 10L * i);
      ss.put("alice", 1_000L * i);
      collector.collect(List.of(source("vless-1", vless), source("ss-1", ss)));
    }
    UsageQueries q = new UsageQueries(app.database());
    long alice = id(app, "alice");
    long bob = id(app, "bob");
    List<Object> before = figures(q, alice, bob);
    assertEquals(Map.of(DAY1, 5L + 300 + 3_000, DAY2, 300L + 3_000), q.daily(alice, DAY1, DAY2));
    assertEquals(18, count(tx, "traffic_log"), "every cycle appended one row per changed user and server");

    int moved = new TrafficFold(tx, 1, 4).foldAll(); // slices of 4 rows: several transactions
    assertEquals(18, moved);
    assertEquals(before, figures(q, alice, bob), "a fold changes no figure");
    assertEquals(0, count(tx, "traffic_log"));
    assertEquals(6, count(tx, "daily_traffic"), "one row per user, server and day");
    assertEquals(305, one(tx, alice, "vless-1", DAY1));
    assertEquals(3_000, one(tx, alice, "ss-1", DAY2));
    assertEquals(30, one(tx, bob, "vless-1", DAY1));

    vless.put("bob", 70L);
    collector.collect(List.of(source("vless-1", vless), source("ss-1", ss)));
    assertEquals(0, new TrafficFold(tx, 2, 4).foldIfDue(), "one row is not yet due");
    assertEquals(1, new TrafficFold(tx, 1, 4).foldIfDue());
    assertEquals(40, one(tx, bob, "vless-1", DAY2));
    app.database().shutdown();
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres"})
  void foldsRacingCyclesAndEachOtherMoveEveryRowOnce(String platform) throws Exception {
    FakeClock clock = FakeClock.at("2026-03-01T12:00:00Z");
    AppComponent app = app(platform, clock);
    Tx tx = new Tx(app.database());
    TrafficCollector collector = new TrafficCollector(tx, Optional.empty(), clock);
    Map<String, Long> totals = new ConcurrentHashMap<>();
    AtomicBoolean cycling = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<?>> folds = new ArrayList<>();
      for (int f = 0; f < 2; f++) { // two managers folding the same log
        TrafficFold fold = new TrafficFold(new Tx(app.database()), 1, 3);
        folds.add(pool.submit(() -> {
          while (cycling.get()) {
            fold.foldIfDue();
          }
          return null;
        }));
      }
      for (int i = 1; i <= 40; i++) {
        totals.put("alice", 7L * i);
        totals.put("bob", 11L * i);
        collector.collect(List.of(source("vless-1", totals)));
      }
      cycling.set(false);
      for (Future<?> f : folds) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    new TrafficFold(tx, 1, 3).foldAll();
    assertEquals(0, count(tx, "traffic_log"));
    assertEquals(280, one(tx, id(app, "alice"), "vless-1", DAY1), "no byte lost, none moved twice");
    assertEquals(440, one(tx, id(app, "bob"), "vless-1", DAY1));
    app.database().shutdown();
  }

  private AppComponent app(String platform, FakeClock clock) throws Exception {
    Map<String, String> settings = platform.equals("postgres")
        ? Map.of("database.url", TestDatabases.freshPostgres()) : Map.of();
    AppComponent app = TestApp.create(dir, clock, settings);
    app.users().add(Actor.cli(), new NewUser("alice", "vless", null, 0, null, null, null));
    app.users().add(Actor.cli(), new NewUser("bob", "vless", null, 0, null, null, null));
    return app;
  }

  private static List<Object> figures(UsageQueries q, long alice, long bob) {
    return List.of(q.daily(alice, DAY1, DAY2), q.daily(bob, DAY1, DAY2), q.byServer(DAY1), q.byServer(DAY2),
        q.dailyByServer(DAY1, DAY2), q.byUser(DAY1, DAY2), q.byUser(DAY1), q.byUser(DAY2));
  }

  private static long id(AppComponent app, String name) {
    return app.database().sqlQuery("select id from vpn_user where username = ?").setParameter(name).findOne()
        .getLong("id");
  }

  private static long count(Tx tx, String table) {
    return tx.write(txn -> {
      try (PreparedStatement ps = txn.connection().prepareStatement("select count(*) from " + table);
           ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  /** The one daily_traffic row of a key (fails if there are several). */
  private static long one(Tx tx, long user, String server, LocalDate day) {
    return tx.write(txn -> {
      try (PreparedStatement ps = txn.connection().prepareStatement("select bytes from daily_traffic"
          + " where user_id = ? and server_name = ? and day = ?")) {
        ps.setLong(1, user);
        ps.setString(2, server);
        ps.setDate(3, java.sql.Date.valueOf(day));
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return 0L;
          }
          long bytes = rs.getLong(1);
          if (rs.next()) {
            throw new AssertionError("two rows for " + user + "/" + server + "/" + day);
          }
          return bytes;
        }
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static CounterSource source(String server, Map<String, Long> totals) {
    Map<String, Long> copy = Map.copyOf(totals);
    return new CounterSource() {
      @Override
      public String serverName() {
        return server;
      }

      @Override
      public Map<String, Long> read() {
        return copy;
      }

      @Override
      public String epoch() {
        return "started-1";
      }
    };
  }
}
