package dev.vpnmanager.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.storage.Tx;
import dev.vpnmanager.testing.FakeClock;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.user.NewUser;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A quota reset that starts while a cycle holds its uncommitted deltas: the reset waits for the cycle (the
 * write lock on SQLite, the user_usage row on PostgreSQL) and then zeroes the total, the cycle's bytes were
 * counted before it and stay in the daily rows, and the next cycle counts only what moved since: nothing lost,
 * nothing counted twice.
 */
class ResetRaceTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgres"})
  void aResetDuringACycleNeitherLosesNorDoublesBytes(String platform) throws Exception {
    FakeClock clock = FakeClock.at("2026-03-01T12:00:00Z");
    Map<String, String> settings = platform.equals("postgres")
        ? Map.of("database.url", TestDatabases.freshPostgres()) : Map.of();
    AppComponent app = TestApp.create(dir, clock, settings);
    app.users().add(Actor.cli(), new NewUser("alice", "vless", null, 0, null, null, null));
    Tx tx = new Tx(app.database());
    TrafficCollector collector = new TrafficCollector(tx, Optional.empty(), clock);
    collector.collect(List.of(source(Map.of("alice", 1_000L))));
    assertEquals(1_000, app.users().show("alice").usedBytes());

    CompletableFuture<?>[] reset = new CompletableFuture<?>[1];
    collector.beforeCommit(() -> {
      reset[0] = CompletableFuture.runAsync(() -> app.users().resetTraffic(Actor.cli(), "alice"));
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      assertTrue(!reset[0].isDone(), "the reset waits for the cycle's transaction");
    });
    collector.collect(List.of(source(Map.of("alice", 1_700L))));
    collector.beforeCommit(() -> {});
    reset[0].get(30, TimeUnit.SECONDS);
    assertEquals(0, app.users().show("alice").usedBytes(), "the reset came after the cycle's 700 bytes");

    collector.collect(List.of(source(Map.of("alice", 1_750L))));
    assertEquals(50, app.users().show("alice").usedBytes(), "only what moved after the reset");
    assertEquals(1_750, daily(tx), "every byte once in the daily rows");
    app.database().shutdown();
  }

  private static long daily(Tx tx) {
    return tx.write(txn -> {
      try (PreparedStatement ps = txn.connection().prepareStatement("select sum(bytes) from daily_usage");
           ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static CounterSource source(Map<String, Long> totals) {
    return new CounterSource() {
      @Override
      public String serverName() {
        return "vless-1";
      }

      @Override
      public Map<String, Long> read() {
        return totals;
      }

      @Override
      public String epoch() {
        return "started-1";
      }
    };
  }
}
