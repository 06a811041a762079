package dev.vpnmanager.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.storage.Tx;
import dev.vpnmanager.testing.FakeClock;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.user.NewUser;
import dev.vpnmanager.user.UserRecord;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random counter histories through the collector against a simple model of what the counters can show: the
 * bytes a counter moved between two successful reads belong to the user of that name when the cycle commits.
 * Histories mix growth, container restarts (a new epoch), restarts nobody announced (a counter back below its
 * last value), counters that vanish and come back from zero, users added and deleted between cycles, servers
 * that fail to answer, cycles rolled back just before their commit, managers restarting (a new collector reads the
 * snapshot row and its patches) and folds of the log between cycles. After every cycle each user's used bytes,
 * and the sum of their daily rows, must equal the model exactly.
 */
class TrafficModelTest {
  @TempDir Path dir;

  static final int NAMES = 40;
  static final List<String> SERVERS = List.of("vless-1", "ss-1");

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres"})
  void randomHistoriesMatchTheModel(String platform) throws Exception {
    for (long seed = 1; seed <= (platform.equals("sqlite") ? 6 : 2); seed++) {
      run(platform, seed, dir.resolve("seed-" + seed));
    }
  }

  private void run(String platform, long seed, Path data) throws Exception {
    Random rnd = new Random(seed);
    FakeClock clock = FakeClock.at("2026-03-01T20:00:00Z");
    Map<String, String> settings = platform.equals("postgres")
        ? Map.of("database.url", TestDatabases.freshPostgres()) : Map.of();
    AppComponent app = TestApp.create(data, clock, settings);
    TrafficCollector collector = new TrafficCollector(new Tx(app.database()), Optional.empty(), clock);
    Map<String, Core> cores = new HashMap<>();
    for (String s : SERVERS) {
      cores.put(s, new Core(s));
    }
    Map<String, Long> expected = new HashMap<>(); // users that exist: bytes counted
    Set<Long> idsUsed = new HashSet<>();
    Set<String> reusedId = new HashSet<>();
    for (int cycle = 0; cycle < 60; cycle++) {
      if (rnd.nextInt(8) == 0) { // the manager restarts: a new collector reads the snapshot row and its patches
        collector.close();
        collector = new TrafficCollector(new Tx(app.database()), Optional.empty(), clock);
      }
      if (rnd.nextInt(4) == 0) { // the log folded into the daily totals, in slices of a few rows
        new TrafficFold(new Tx(app.database()), 1 + rnd.nextInt(30), 1 + rnd.nextInt(7)).foldIfDue();
      }
      // users come and go between cycles
      for (int k = 0; k < 3; k++) {
        String name = "mod" + rnd.nextInt(NAMES);
        if (expected.containsKey(name) && rnd.nextInt(4) == 0) {
          app.users().delete(Actor.cli(), name);
          expected.remove(name);
        } else if (!expected.containsKey(name)) {
          UserRecord u = app.users().add(Actor.cli(), new NewUser(name, "vless", null, 0, null, null, null));
          expected.put(name, 0L);
          reusedId.remove(name);
          if (!idsUsed.add(u.id())) {
            reusedId.add(name); // SQLite gave a deleted user's id again: its daily rows are not this user's
          }
        }
      }
      for (Core core : cores.values()) {
        core.advance(rnd);
      }
      boolean rollBack = rnd.nextInt(10) == 0;
      List<CounterSource> sources = new ArrayList<>(cores.values());
      if (rollBack) {
        TrafficCollector c = collector;
        c.beforeCommit(() -> {
          throw new IllegalStateException("killed before the commit");
        });
        assertThrows(IllegalStateException.class, () -> c.collect(sources));
        c.beforeCommit(() -> {});
        for (Core core : cores.values()) {
          core.failed();
        }
      } else {
        collector.collect(sources);
        for (Core core : cores.values()) {
          core.settle(expected);
        }
      }
      for (Map.Entry<String, Long> e : expected.entrySet()) {
        UserRecord u = app.users().show(e.getKey());
        assertEquals(e.getValue(), u.usedBytes(), "seed " + seed + " cycle " + cycle + " used bytes of " + e.getKey());
        if (!reusedId.contains(e.getKey())) {
          assertEquals(e.getValue(), dailySum(app, u.id()), "seed " + seed + " cycle " + cycle + " daily rows of "
              + e.getKey());
        }
      }
      clock.advance(Duration.ofMinutes(37)); // crosses UTC midnight on the way
    }
    app.database().shutdown();
  }

  private static long dailySum(AppComponent app, long userId) {
    return new Tx(app.database()).write(txn -> {
      try (PreparedStatement ps = txn.connection().prepareStatement(
          "select coalesce(sum(bytes), 0) from daily_usage where user_id = ?")) {
        ps.setLong(1, userId);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  /**
   * One server's core: absolute counters per name, what the collector last saw of them, and the bytes moved
   * since the last successful read (what the next successful read must count).
   */
  private static final class Core implements CounterSource {
    final String name;
    final Map<String, Long> counters = new HashMap<>();
    final Map<String, Long> lastRead = new HashMap<>();
    final Map<String, Long> pending = new HashMap<>();
    final Set<String> fromZero = new HashSet<>();
    int epoch = 1;
    boolean failing;

    Core(String name) {
      this.name = name;
    }

    void advance(Random rnd) {
      failing = rnd.nextInt(12) == 0;
      if (!failing && rnd.nextInt(15) == 0) { // the container restarted: a new epoch, every counter from zero
        epoch++;
        counters.clear();
        pending.clear(); // what moved after the last read and before the restart no counter shows any more
      }
      for (int k = 0; k < 8; k++) {
        String user = "mod" + rnd.nextInt(NAMES);
        int what = rnd.nextInt(20);
        Long seen = lastRead.get(user);
        if (what == 0 && !failing && seen != null && seen > 1) {
          // restarted unannounced (or removed and added again): back to zero, then less than it was
          counters.put(user, 0L);
          pending.put(user, 0L);
          fromZero.add(user);
        } else if (what == 1 && !failing && seen != null && seen > 1) {
          counters.remove(user); // vanished from the core; comes back from zero later
          pending.remove(user);
          fromZero.add(user);
        } else {
          long grown = rnd.nextInt(4) == 0 ? 0 : 1 + rnd.nextInt(50_000);
          long now = counters.getOrDefault(user, 0L);
          if (fromZero.contains(user) && seen != null && now + grown >= seen) {
            // until it is read, a counter back from zero must stay below its last value to be told apart
            grown = seen - 1 - now;
          }
          if (grown < 0) {
            continue;
          }
          counters.merge(user, grown, Long::sum);
          pending.merge(user, grown, Long::sum);
        }
      }
    }

    /** A cycle committed: what moved since the last read is counted for the users that exist now. */
    void settle(Map<String, Long> expected) {
      if (failing) {
        return;
      }
      pending.forEach((user, bytes) -> expected.computeIfPresent(user, (u, v) -> v + bytes));
      pending.clear();
      lastRead.putAll(counters);
      fromZero.removeIf(counters::containsKey); // a vanished counter stays "from zero" until it is read again
    }

    /** The cycle rolled back: the next one reads again from the same last values. */
    void failed() {}

    @Override
    public String serverName() {
      return name;
    }

    @Override
    public Map<String, Long> read() throws java.io.IOException {
      if (failing) {
        throw new java.io.IOException("connection refused");
      }
      return Map.copyOf(counters);
    }

    @Override
    public String epoch() {
      return "started-" + epoch;
    }
  }
}
