package dev.vpnmanager.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.storage.Tx;
import dev.vpnmanager.testing.FakeClock;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.user.NewUser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The servers of one cycle are read at the same time (issue 14), and one that fails does not hold up or spoil the
 * others. Overlap is proven by a latch, not by a stopwatch: each slow source waits until every other one has
 * started, which read one after another can never happen.
 */
class ParallelReadsTest {
  @TempDir Path dir;
  FakeClock clock = FakeClock.at("2026-03-01T12:00:00Z");
  AppComponent app;
  TrafficCollector collector;
  TrafficCollector sequential;

  @BeforeEach
  void setUp() {
    app = TestApp.create(dir, clock, Map.of());
    for (String n : List.of("alice", "bob", "carol")) {
      app.users().add(Actor.cli(), new NewUser(n, "vless", null, 0, null, null, null));
    }
    collector = new TrafficCollector(new Tx(app.database()), Optional.empty(), clock);
    sequential = new TrafficCollector(new Tx(app.database()), Optional.empty(), clock, 1);
  }

  @AfterEach
  void tearDown() {
    collector.close();
    sequential.close();
  }

  long used(String name) {
    return app.users().show(name).usedBytes();
  }

  /** Reads its counters only once all the sources sharing the latch have begun reading, or fails after a while. */
  static final class Rendezvous implements CounterSource {
    final String server;
    final String user;
    final long bytes;
    final CountDownLatch started;
    final long waitMillis;
    volatile Thread readOn;

    Rendezvous(String server, String user, long bytes, CountDownLatch started, long waitMillis) {
      this.server = server;
      this.user = user;
      this.bytes = bytes;
      this.started = started;
      this.waitMillis = waitMillis;
    }

    @Override
    public String serverName() {
      return server;
    }

    @Override
    public Map<String, Long> read() throws IOException {
      readOn = Thread.currentThread();
      started.countDown();
      try {
        if (!started.await(waitMillis, TimeUnit.MILLISECONDS)) {
          throw new IOException("the other servers were not being read at the same time");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      return Map.of(user, bytes);
    }
  }

  @Test
  void slowServersAreReadAtTheSameTime() {
    CountDownLatch started = new CountDownLatch(3);
    List<Rendezvous> sources = List.of(new Rendezvous("s1", "alice", 100, started, 30_000),
        new Rendezvous("s2", "bob", 20, started, 30_000), new Rendezvous("s3", "carol", 3, started, 30_000));
    CycleResult r = collector.collect(List.copyOf(sources));
    assertEquals(List.of(), r.failed(), "every read waited for the others to start: they overlapped");
    assertEquals(3, r.servers());
    assertEquals(123, r.bytes());
    assertEquals(100, used("alice"));
    assertEquals(20, used("bob"));
    assertEquals(3, used("carol"));
    for (Rendezvous s : sources) {
      assertNotSame(Thread.currentThread(), s.readOn, "read on the collector's pool, not the caller's thread");
    }
  }

  /** The same sources read one after another never meet: the test above can fail. */
  @Test
  void readInTurnTheyNeverMeet() {
    CountDownLatch started = new CountDownLatch(2);
    CycleResult r = sequential.collect(List.of(new Rendezvous("s1", "alice", 100, started, 200),
        new Rendezvous("s2", "bob", 20, started, 200)));
    assertEquals(List.of("s1"), r.failed(), "the first waited in vain; the second found it had started");
    assertEquals(0, used("alice"));
    assertEquals(20, used("bob"));
  }

  @Test
  void aFailingServerIsSkippedWhileTheOthersCountAndCatchesUpNextCycle() {
    FakeCounterSource s1 = new FakeCounterSource("s1").set("alice", 1_000);
    FakeCounterSource s2 = new FakeCounterSource("s2").set("bob", 500).failing(true);
    CounterSource s3 = new CounterSource() {
      int calls;

      @Override
      public String serverName() {
        return "s3";
      }

      @Override
      public Map<String, Long> read() {
        if (calls++ == 0) {
          throw new IllegalStateException("malformed answer");
        }
        return Map.of("carol", 7L);
      }
    };
    FakeCounterSource s4 = new FakeCounterSource("s4").set("carol", 40);
    CycleResult first = collector.collect(List.of(s1, s2, s3, s4));
    assertEquals(List.of("s2", "s3"), first.failed(), "in the order of the sources");
    assertEquals(2, first.servers());
    assertEquals(1_000, used("alice"));
    assertEquals(0, used("bob"));
    assertEquals(40, used("carol"));
    s2.failing(false).add("bob", 5);
    s1.add("alice", 1);
    CycleResult next = collector.collect(List.of(s1, s2, s3, s4));
    assertEquals(List.of(), next.failed());
    assertEquals(1_001, used("alice"));
    assertEquals(505, used("bob"), "caught up: everything since the server's core started");
    assertEquals(47, used("carol"));
  }

  /** The same cycles, read in parallel or in turn, end in the same totals. */
  @Test
  void parallelAndInTurnCountAlike() {
    FakeCounterSource a = new FakeCounterSource("s1");
    FakeCounterSource b = new FakeCounterSource("s2");
    for (int i = 1; i <= 5; i++) {
      a.add("alice", 10 * i).add("bob", i);
      b.add("alice", 100).add("carol", i * i);
      (i % 2 == 0 ? sequential : collector).collect(List.of(a, b));
    }
    assertEquals(150 + 500, used("alice"));
    assertEquals(15, used("bob"));
    assertEquals(55, used("carol"));
  }
}
