package dev.vpnmanager.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.storage.StateStore;
import dev.vpnmanager.storage.Tx;
import dev.vpnmanager.testing.FakeClock;
import dev.vpnmanager.testing.FreshPostgres;
import dev.vpnmanager.testing.TestApp;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The day's run is claimed in the database: of several instances asking at once, one gets it. */
class DailyGateTest {
  @TempDir Path dir;
  final FakeClock clock = FakeClock.at("2026-03-02T04:00:00Z");

  @Test
  void sqliteInstancesAskingAtOnceGetTheDayOnce() throws Exception {
    Map<String, String> db = Map.of("database.url", "jdbc:sqlite:" + dir.resolve("shared.db"));
    onlyOneGetsIt(db);
  }

  @Test
  void postgresInstancesAskingAtOnceGetTheDayOnce() throws Exception {
    onlyOneGetsIt(Map.of("database.url", FreshPostgres.create()));
  }

  @Test
  void aClaimWhoseInstanceDiedBeforeDoneLapsesAndTheWorkIsMadeUp() {
    AppComponent app = TestApp.create(dir.resolve("one"), clock, Map.of());
    DailyGate gate = gate(app);
    assertEquals(Optional.of(LocalDate.parse("2026-03-02")), gate.due("digest"));
    // that instance died without done(): nobody else takes the day while the claim holds
    clock.advance(DailyGate.TICK);
    assertEquals(Optional.empty(), gate(app).due("digest"));
    clock.advance(DailyGate.CLAIM);
    DailyGate other = gate(app);
    Optional<LocalDate> day = other.due("digest");
    assertEquals(Optional.of(LocalDate.parse("2026-03-02")), day);
    other.done("digest", day.get());
    clock.advance(DailyGate.CLAIM.multipliedBy(2));
    assertEquals(Optional.empty(), gate(app).due("digest"), "done for the day");
    clock.advance(Duration.ofDays(1));
    assertTrue(gate(app).due("digest").isPresent(), "the next day");
    app.databaseHolder().closeIfOpen();
  }

  private void onlyOneGetsIt(Map<String, String> db) throws Exception {
    List<AppComponent> apps = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      apps.add(TestApp.create(dir.resolve("i" + i), clock, db));
      apps.get(i).database();
    }
    ExecutorService pool = Executors.newFixedThreadPool(apps.size());
    try {
      for (int round = 0; round < 3; round++) {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Optional<LocalDate>>> asks = new ArrayList<>();
        for (AppComponent app : apps) {
          DailyGate gate = gate(app);
          asks.add(pool.submit(() -> {
            go.await();
            return gate.due("backup");
          }));
        }
        go.countDown();
        int got = 0;
        for (Future<Optional<LocalDate>> f : asks) {
          got += f.get().isPresent() ? 1 : 0;
        }
        assertEquals(1, got, "day " + round + ": instances that got the run");
        gate(apps.get(0)).done("backup", clock.instant().atZone(java.time.ZoneOffset.UTC).toLocalDate());
        clock.advance(Duration.ofDays(1));
      }
    } finally {
      pool.shutdownNow();
      apps.forEach(a -> a.databaseHolder().closeIfOpen());
    }
  }

  private DailyGate gate(AppComponent app) {
    return new DailyGate(new StateStore(new Tx(app.database())), clock, app.settings());
  }
}
