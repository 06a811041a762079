package dev.vpnmanager.enforce;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.testing.FakeClock;
import dev.vpnmanager.traffic.FakeCounterSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuotaResetsTest {
  @TempDir Path dir;

  @Test
  void monthlyResetOnThe31stThroughAFebruaryWithALeapDayReEnablesLimitedUsers() {
    FakeClock clock = FakeClock.at("2028-01-31T10:00:00Z");
    JobsFixture f = new JobsFixture(dir, clock);
    FakeCounterSource srv = new FakeCounterSource("vless-1");
    f.user("alice", 1_000, null);
    f.resets.setPolicy(Actor.cli(), "alice", "monthly", 31);
    assertEquals(Instant.parse("2028-02-29T00:00:00Z"), f.app.userQueries().require("alice").getNextResetAt());
    f.traffic(srv.set("alice", 1_500));
    f.enforcer.sweep();
    assertEquals("limited", f.app.users().show("alice").status());

    clock.set(Instant.parse("2028-02-28T23:59:59Z"));
    assertEquals(List.of(), f.resets.sweep());
    clock.advance(Duration.ofSeconds(1));
    assertEquals(List.of("alice"), f.resets.sweep());
    assertEquals("active", f.app.users().show("alice").status());
    assertEquals(0, f.app.users().show("alice").usedBytes());
    assertEquals(Instant.parse("2028-03-31T00:00:00Z"), f.app.userQueries().require("alice").getNextResetAt());
    assertEquals(List.of("created", "reset-policy", "limited", "traffic-reset", "active"), f.kinds("alice"));
    assertEquals(List.of(), f.resets.sweep(), "once");

    f.traffic(srv.set("alice", 1_800));
    assertEquals(300, f.app.users().show("alice").usedBytes(), "counting goes on from the reset");
  }

  @Test
  void aResetMissedWhileDownHappensOnceAndTheNextIsFromNow() {
    FakeClock clock = FakeClock.at("2026-04-30T10:00:00Z");
    JobsFixture f = new JobsFixture(dir, clock);
    f.user("bob", 1_000, null);
    f.resets.setPolicy(Actor.cli(), "bob", "daily", 0);
    clock.advance(Duration.ofDays(3));
    assertEquals(List.of("bob"), f.resets.sweep());
    assertEquals(List.of(), f.resets.sweep());
    assertEquals(Instant.parse("2026-05-04T00:00:00Z"), f.app.userQueries().require("bob").getNextResetAt());
  }
}
