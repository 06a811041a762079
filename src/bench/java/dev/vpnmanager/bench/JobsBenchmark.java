package dev.vpnmanager.bench;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.enforce.JobsFixture;
import dev.vpnmanager.storage.Tx;
import dev.vpnmanager.testing.FakeClock;
import dev.vpnmanager.traffic.CounterSource;
import dev.vpnmanager.user.NewUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * On-demand benchmark, not a unit test: one traffic cycle (counters in, deltas computed, committed) at 10,000
 * and 100,000 users, and the enforcement sweep with nothing due over 100,000 users, on a real SQLite file, or
 * on PostgreSQL with {@code -Dbench.database-url=jdbc:postgresql://...} (a fresh database per size).
 * Run: mvn -q test-compile && java -cp target/test-classes:target/classes:$(cat cp.txt) \
 *   JobsBenchmark [users...]
 */
public final class JobsBenchmark {
  private JobsBenchmark() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    List<Integer> sizes = new ArrayList<>();
    for (String a : args) {
      sizes.add(Integer.parseInt(a));
    }
    if (sizes.isEmpty()) {
      sizes = List.of(10_000, 100_000);
    }
    for (int n : sizes) {
      run(n);
    }
  }

  static void run(int n) throws Exception {
    Path dir = Files.createTempDirectory("jobs-bench");
    FakeClock clock = FakeClock.at("2026-09-01T12:00:00Z");
    String url = System.getProperty("bench.database-url", "");
    JobsFixture f = new JobsFixture(dir, clock, url.isBlank() ? Map.of() : Map.of("database.url", freshDatabase(url)));
    f.app.users().add(Actor.cli(), new NewUser("seed", "vless", null, 0, null, null, null));
    long server = f.app.userQueries().require("seed").getServer().getId();
    insertUsers(f, n, server, clock.instant());
    Map<String, Long> counters = new HashMap<>();
    for (int i = 0; i < n; i++) {
      counters.put("u" + i, 1_000L + i);
    }
    CounterSource src = new CounterSource() {
      @Override public String serverName() {
        return "vless-1";
      }

      @Override public Map<String, Long> read() {
        return counters;
      }
    };
    f.collector.collect(List.of(src));
    long[] round = {0};
    List<Double> cycle = measure(20, () -> {
      round[0]++;
      counters.replaceAll((k, v) -> v + 1_500 + round[0]);
      return f.collector.collect(List.of(src)).changed();
    });
    List<Double> expiry = measure(50, () -> f.app.userQueries().dueForExpiry(clock.instant()).size());
    List<Double> sweep = measure(50, () -> f.enforcer.sweep().size() + f.resets.sweep().size());
    List<Double> warn = measure(20, () -> f.warnings.sweep().size());
    System.out.printf("%,d users: traffic cycle (all %,d counters changed) median %.1f ms, max %.1f ms%n",
        n, n, median(cycle), Collections.max(cycle));
    System.out.printf("%,d users: dueForExpiry (nothing due) median %.2f ms, max %.2f ms%n",
        n, median(expiry), Collections.max(expiry));
    System.out.printf("%,d users: enforcement sweep (expiry + over-limit + resets, nothing due) median %.2f ms,"
        + " max %.2f ms%n", n, median(sweep), Collections.max(sweep));
    System.out.printf("%,d users: warning sweep (nothing near) median %.2f ms%n", n, median(warn));
    f.app.database().shutdown();
  }

  /** A new database on the server of {@code adminUrl} (a URL to its postgres database). */
  static String freshDatabase(String adminUrl) throws java.sql.SQLException {
    String name = "bench_" + Long.toHexString(System.nanoTime());
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(adminUrl);
         java.sql.Statement st = c.createStatement()) {
      st.execute("create database " + name);
    }
    return adminUrl.replaceFirst("/postgres\\?", "/" + name + "?");
  }

  static void insertUsers(JobsFixture f, int n, long serverId, Instant now) {
    insertUsersInto(f.app, n, serverId, now);
  }

  /** n active vless users u0..u(n-1) on the server, written with one JDBC batch. */
  static void insertUsersInto(AppComponent app, int n, long serverId, Instant now) {
    new Tx(app.database()).run(txn -> {
      try (PreparedStatement ps = txn.connection().prepareStatement("insert into vpn_user (username, protocol,"
          + " server_id, credentials, status, limit_bytes, expires_at, reset_strategy, reset_day,"
          + " version, created_at, modified_at) values (?, 'vless', ?, ?, 'active', ?, ?, 'none', 0, 1, ?, ?)")) {
        Timestamp ts = Timestamp.from(now);
        for (int i = 0; i < n; i++) {
          ps.setString(1, "u" + i);
          ps.setLong(2, serverId);
          // what a VLESS user holds (VlessDriver): the daemon's reads of credentials cost what they cost users
          ps.setString(3, "{\"uuid\":\"" + new UUID(0x5eed_0000_0000_4000L, 0x8000_0000_0000_0000L | i) + "\"}");
          ps.setLong(4, 10_000_000_000_000L);
          ps.setTimestamp(5, i % 2 == 0 ? Timestamp.from(now.plus(Duration.ofDays(30 + i % 300))) : null);
          ps.setTimestamp(6, ts);
          ps.setTimestamp(7, ts);
          ps.addBatch();
        }
        ps.executeBatch();
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  static List<Double> measure(int times, Supplier<Integer> work) {
    for (int i = 0; i < 3; i++) {
      work.get();
    }
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      long t = System.nanoTime();
      work.get();
      ms.add((System.nanoTime() - t) / 1e6);
    }
    return ms;
  }

  static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    return s.get(s.size() / 2);
  }
}
