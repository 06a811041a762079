package dev.vpnmanager.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.storage.Tx;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.user.NewUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of a real process in the middle of a traffic cycle loses nothing and counts nothing twice. */
class CrashSafetyTest {
  @TempDir Path dir;

  @Test
  void killedBetweenReadAndCommitTheNextCycleCountsExactlyOnce() throws Exception {
    Path data = dir.resolve("data");
    AppComponent app = TestApp.create(data, Clock.systemUTC(), Map.of());
    app.users().add(Actor.cli(), new NewUser("alice", "vless", null, 0, null, null, null));
    app.users().add(Actor.cli(), new NewUser("bob", "vless", null, 0, null, null, null));
    TrafficCollector collector = new TrafficCollector(new Tx(app.database()), Optional.empty(), Clock.systemUTC());
    FakeCounterSource srv = new FakeCounterSource("vless-1").set("alice", 1_000);
    collector.collect(List.of(srv));
    // an idle connection of this process keeps SQLite's write lock (see the report), so let go of it
    app.database().shutdown();

    Path counters = dir.resolve("counters.properties");
    Files.writeString(counters, "alice=5000\nbob=300\n");
    Path marker = dir.resolve("in-transaction");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        CrashCycleMain.class.getName(), data.toString(), counters.toString(), marker.toString(), "vless-1")
        .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.exists(marker) && child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertTrue(Files.exists(marker), "child never reached the commit: " + Files.readString(dir.resolve("child.log")));
    } finally {
      child.destroyForcibly();
    }
    assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    assertEquals(137, child.exitValue(), "killed with SIGKILL");

    app = TestApp.create(data, Clock.systemUTC(), Map.of());
    collector = new TrafficCollector(new Tx(app.database()), Optional.empty(), Clock.systemUTC());
    assertEquals(1_000, app.users().show("alice").usedBytes(), "nothing of the killed cycle is visible");
    srv.set("alice", 5_000).set("bob", 300);
    collector.collect(List.of(srv));
    assertEquals(5_000, app.users().show("alice").usedBytes());
    assertEquals(300, app.users().show("bob").usedBytes());
    collector.collect(List.of(srv));
    assertEquals(5_000, app.users().show("alice").usedBytes(), "and not again");

    app.database().shutdown();
    AppComponent restarted = TestApp.create(data, Clock.systemUTC(), Map.of());
    assertEquals(5_300, restarted.userQueries().all(null).stream().mapToLong(u -> u.usedBytes()).sum());
  }
}
