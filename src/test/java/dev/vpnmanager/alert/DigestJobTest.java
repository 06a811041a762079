package dev.vpnmanager.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.enforce.JobsFixture;
import dev.vpnmanager.scheduling.DailyGate;
import dev.vpnmanager.storage.StateStore;
import dev.vpnmanager.storage.Tx;
import dev.vpnmanager.testing.FakeClock;
import dev.vpnmanager.traffic.FakeCounterSource;
import dev.vpnmanager.traffic.UsageQueries;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestJobTest {
  @TempDir Path dir;
  FakeClock clock = FakeClock.at("2026-07-01T10:00:00Z");

  DigestJob job(JobsFixture f) {
    DailyGate gate = new DailyGate(new StateStore(new Tx(f.app.database())), clock, f.app.settings());
    return new DigestJob(gate, new DailyDigest(f.queries, new UsageQueries(f.app.database()), f.alerts, clock));
  }

  @Test
  void onceADayAfterDailyAtWithNearLimitExpiringAndTrafficByServer() {
    JobsFixture f = new JobsFixture(dir, clock);
    f.user("alice", 1_000, null);
    f.user("bob", 0, clock.instant().plus(Duration.ofDays(6)));
    f.traffic(new FakeCounterSource("vless-1").set("alice", 850));
    clock.set(java.time.Instant.parse("2026-07-02T02:59:00Z"));
    job(f).execute(null);
    assertEquals(0, f.sent().size(), "before daily-at (03:00)");
    clock.advance(Duration.ofMinutes(2));
    job(f).execute(null);
    f.alerts.flushPending();
    job(f).execute(null);
    int before = f.sent().size();
    String text = f.telegram.sent.get(0).reply().allText();
    f.app.database().shutdown();
    JobsFixture g = new JobsFixture(dir, clock);
    g.alerts.flushPending();
    job(g).execute(null);
    assertEquals(1, before + g.sent().size(), "once, also after a restart");
    assertTrue(text.contains("Daily digest 2 Jul 2026\n"), text);
    assertTrue(text.contains("alice 85%"), text);
    assertTrue(text.contains("Expiring within 7 days: bob"), text);
    assertTrue(text.contains("vless-1 850 B"), text);
    clock.advance(Duration.ofDays(1));
    job(g).execute(null);
    assertEquals(1, g.sent().size(), "the next day again");
  }
}
