package dev.vpnmanager.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.storage.Tx;
import dev.vpnmanager.testing.FakeClock;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.user.NewUser;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrafficCollectorTest {
  @TempDir Path dir;
  FakeClock clock = FakeClock.at("2026-03-01T23:59:00Z");
  AppComponent app;
  TrafficCollector collector;
  FakeCounterSource srv = new FakeCounterSource("vless-1");

  @BeforeEach
  void setUp() {
    app = TestApp.create(dir, clock, Map.of());
    for (String n : List.of("alice", "bob")) {
      app.users().add(Actor.cli(), new NewUser(n, "vless", null, 0, null, null, null));
    }
    collector = new TrafficCollector(new Tx(app.database()), Optional.empty(), clock);
  }

  long used(String name) {
    return app.users().show(name).usedBytes();
  }

  @Test
  void countsDeltasOnceAcrossCycles() {
    srv.set("alice", 1_000).set("bob", 500);
    CycleResult first = collector.collect(List.of(srv));
    assertEquals(2, first.changed());
    assertEquals(1_500, first.bytes());
    CycleResult again = collector.collect(List.of(srv));
    assertEquals(0, again.changed(), "unchanged counters are zero deltas and skipped");
    srv.add("alice", 250);
    collector.collect(List.of(srv));
    assertEquals(1_250, used("alice"));
    assertEquals(500, used("bob"));
  }

  /**
   * Two instances (or a collector whose cycle another process ran, or a restored backup) writing the same
   * server's snapshot in turn: a collector's counters kept in memory must not be trusted once the row moved on.
   */
  @Test
  void collectorsTakingTurnsCountEachByteOnce() {
    TrafficCollector other = new TrafficCollector(new Tx(app.database()), Optional.empty(), clock);
    srv.set("alice", 1_000);
    collector.collect(List.of(srv));
    srv.add("alice", 100);
    other.collect(List.of(srv));
    srv.add("alice", 10);
    collector.collect(List.of(srv));
    assertEquals(1_110, used("alice"), "the 100 bytes the other one counted are not counted again");
    srv.add("alice", 1);
    other.collect(List.of(srv));
    assertEquals(1_111, used("alice"));
  }

  @Test
  void counterGoingBackwardsMeansCoreRestart() {
    srv.set("alice", 10_000);
    collector.collect(List.of(srv));
    srv.restart().set("alice", 300);
    collector.collect(List.of(srv));
    assertEquals(10_300, used("alice"));
    srv.set("alice", 900);
    collector.collect(List.of(srv));
    assertEquals(10_900, used("alice"));
  }

  @Test
  void aNewEpochCountsFromZeroEvenWhenTheCounterGrewPastTheOldValue() {
    srv.set("alice", 1_000);
    collector.collect(List.of(new Epoch(srv, "started-1")));
    srv.restart().set("alice", 1_500);
    collector.collect(List.of(new Epoch(srv, "started-2")));
    assertEquals(2_500, used("alice"), "1,500 bytes since the restart, not 500");
    srv.set("alice", 1_600);
    collector.collect(List.of(new Epoch(srv, "started-2")));
    assertEquals(2_600, used("alice"));
  }

  /** A source whose counters restart when its epoch (a container's start time) changes. */
  private record Epoch(CounterSource source, String epoch) implements CounterSource {
    @Override
    public String serverName() {
      return source.serverName();
    }

    @Override
    public Map<String, Long> read() throws java.io.IOException {
      return source.read();
    }
  }

  @Test
  void restartReadAtZeroStillMovesTheLastValueOn() {
    srv.set("alice", 5_000);
    collector.collect(List.of(srv));
    srv.restart().set("alice", 0);
    collector.collect(List.of(srv));
    srv.set("alice", 6_000);
    collector.collect(List.of(srv));
    assertEquals(11_000, used("alice"), "6,000 new bytes after the restart, not 1,000");
  }

  @Test
  void keepsDailyTotalsPerUserAndServer() {
    FakeCounterSource other = new FakeCounterSource("ss-1").set("alice", 70);
    srv.set("alice", 100);
    collector.collect(List.of(srv, other));
    clock.advance(Duration.ofMinutes(2));
    srv.add("alice", 40);
    collector.collect(List.of(srv, other));
    UsageQueries usage = new UsageQueries(app.database());
    long id = app.users().show("alice").id();
    assertEquals(Map.of(LocalDate.parse("2026-03-01"), 170L, LocalDate.parse("2026-03-02"), 40L),
        usage.daily(id, LocalDate.parse("2026-02-01"), LocalDate.parse("2026-03-31")));
    assertEquals(Map.of("vless-1", 100L, "ss-1", 70L), usage.byServer(LocalDate.parse("2026-03-01")));
  }

  @Test
  void aFailingServerIsSkippedAndCaughtUpLater() {
    FakeCounterSource down = new FakeCounterSource("ss-1").set("bob", 50).failing(true);
    srv.set("alice", 100);
    CycleResult r = collector.collect(List.of(srv, down));
    assertEquals(List.of("ss-1"), r.failed());
    assertEquals(100, used("alice"));
    assertEquals(0, used("bob"));
    collector.collect(List.of(srv, down.failing(false)));
    assertEquals(50, used("bob"));
  }

  @Test
  void countersOfUnknownUsersAreTrackedButCountNowhere() {
    srv.set("ghost", 777).set("alice", 1);
    collector.collect(List.of(srv));
    assertEquals(1, used("alice"));
    assertEquals(0, new UsageQueries(app.database()).all().stream().filter(d -> d.getBytes() == 777).count());
  }

  /**
   * A cycle that moved a few counters writes only them (a patch); once the patches hold more than
   * PATCH_LINES times the row's lines the whole row is written again and the patches go, and a collector that
   * starts afresh (a restarted manager) reads the row with its patches and counts only what moved since.
   */
  @Test
  void fewMovedCountersArePatchesUntilTheWholeRowIsWrittenAgain() {
    srv.set("alice", 1_000).set("bob", 500);
    collector.collect(List.of(srv)); // the first row, whole
    assertEquals(0, rows("traffic_patch"));
    int patches = 0;
    for (int i = 1; i <= TrafficCollector.PATCH_LINES * 2; i++) { // one of the row's two lines per cycle
      srv.add("alice", 10);
      collector.collect(List.of(srv));
      patches++;
      assertEquals(patches, rows("traffic_patch"), "cycle " + i + " wrote one patch");
    }
    srv.add("alice", 10);
    collector.collect(List.of(srv));
    assertEquals(0, rows("traffic_patch"), "the patches would have outgrown the row: written whole");
    srv.add("alice", 5).add("bob", 7);
    collector.collect(List.of(srv));
    assertEquals(1, rows("traffic_patch"));

    TrafficCollector restarted = new TrafficCollector(new Tx(app.database()), Optional.empty(), clock);
    srv.add("alice", 1).add("bob", 2);
    restarted.collect(List.of(srv));
    assertEquals(1_000 + 10 * (TrafficCollector.PATCH_LINES * 2 + 1) + 5 + 1, used("alice"));
    assertEquals(500 + 7 + 2, used("bob"));
    assertEquals(Map.of("alice", 1_000L + 10 * (TrafficCollector.PATCH_LINES * 2 + 1) + 6, "bob", 509L),
        new UsageQueries(app.database()).lastCounters().get(0).values(), "top reads the row with its patches");
    restarted.close();
  }

  private long rows(String table) {
    return app.database().sqlQuery("select count(*) as n from " + table).findOne().getLong("n");
  }
}
