package dev.vpnmanager.top;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.traffic.UsageQueries.ServerCounters;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RatesTest {
  final Instant t0 = Instant.parse("2026-06-01T08:00:00Z");

  @Test
  void ratesComeFromCounterChangesAndOnlineMeansTheLastCycleMovedBytes() {
    Rates r = new Rates(Duration.ofSeconds(10));
    r.observe(List.of(new ServerCounters("vless-1", "e1", Map.of("alice", 1000L, "bob", 500L))), t0);
    assertEquals(-1, r.rate("alice", t0), "one look: no rate yet");
    assertFalse(r.online("alice", t0));
    // the same counters two seconds later: the job has not run again
    r.observe(List.of(new ServerCounters("vless-1", "e1", Map.of("alice", 1000L, "bob", 500L))), t0.plusSeconds(2));
    // the first change counts over one traffic interval (10 s)
    Instant t1 = t0.plusSeconds(4);
    r.observe(List.of(new ServerCounters("vless-1", "e1", Map.of("alice", 21_000L, "bob", 500L))), t1);
    assertEquals(2000.0, r.rate("alice", t1), 0.001);
    assertTrue(r.online("alice", t1));
    assertFalse(r.online("bob", t1), "no bytes moved");
    assertEquals(0.0, r.rate("bob", t1), 0.001);
    // later changes count over the time between the changes seen
    Instant t2 = t1.plusSeconds(5);
    r.observe(List.of(new ServerCounters("vless-1", "e1", Map.of("alice", 26_000L, "bob", 1500L))), t2);
    assertEquals(1000.0, r.rate("alice", t2), 0.001);
    assertEquals(200.0, r.rate("bob", t2), 0.001);
    // a new epoch (the container restarted): counters count from zero again
    Instant t3 = t2.plusSeconds(10);
    r.observe(List.of(new ServerCounters("vless-1", "e2", Map.of("alice", 3000L))), t3);
    assertEquals(300.0, r.rate("alice", t3), 0.001);
    // nothing changes for more than three intervals: nobody is online any more
    assertFalse(r.online("alice", t3.plusSeconds(31)));
    assertEquals(0.0, r.rate("alice", t3.plusSeconds(31)), 0.001);
  }
}
