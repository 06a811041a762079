package dev.vpnmanager.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.testing.FreshPostgres;
import dev.vpnmanager.testing.TestApp;
import io.ebean.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two schedulers on one PostgreSQL database share one clustered schedule: each run happens once. */
class ClusteredDaemonTest {
  @TempDir Path dir;

  @Test
  void twoInstancesRunEachPeriodOnceAndNeverAtOnce() throws Exception {
    String url = FreshPostgres.create();
    AppComponent one = TestApp.create(dir.resolve("a"), Clock.systemUTC(), Map.of("database.url", url));
    AppComponent two = TestApp.create(dir.resolve("b"), Clock.systemUTC(), Map.of("database.url", url));
    ProbeJobs probe = new ProbeJobs(150);
    Daemon a = daemon(one.database(), probe);
    Daemon b = daemon(two.database(), probe);
    try {
      a.start();
      b.start();
      assertTrue(a.clustered() && b.clustered());
      Thread.sleep(10_500);
    } finally {
      a.stop();
      b.stop();
    }
    int runs = probe.runs.size();
    // a 1 s period over ~10 s: about ten runs in all, where two independent schedulers would make twenty
    assertTrue(runs >= 6 && runs <= 11, "runs: " + runs);
    assertEquals(1, probe.maxRunning.get(), "never two runs at once, across instances");
    for (int i = 1; i < probe.runs.size(); i++) {
      long gap = probe.runs.get(i)[0] - probe.runs.get(i - 1)[0];
      assertTrue(gap >= 700, "runs " + (i - 1) + " and " + i + " only " + gap + " ms apart");
    }
    try (Connection c = one.database().dataSource().getConnection(); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("select count(*) from qrtz_triggers where sched_name = 'vpn-manager'")) {
      rs.next();
      assertEquals(1, rs.getInt(1), "one trigger for the job, not one per instance");
    }
    one.databaseHolder().closeIfOpen();
    two.databaseHolder().closeIfOpen();
  }

  @Test
  void aRunIsSkippedWhileAnotherInstanceStillRunsThatJob() throws Exception {
    String url = FreshPostgres.create();
    AppComponent app = TestApp.create(dir.resolve("a"), Clock.systemUTC(), Map.of("database.url", url));
    ProbeJobs probe = new ProbeJobs(10);
    Daemon d = daemon(app.database(), probe);
    // an instance taken for dead but still running "probe" holds its run lock
    try (Connection other = java.sql.DriverManager.getConnection(url);
         java.sql.PreparedStatement ps = other.prepareStatement("select pg_advisory_lock(?, ?)")) {
      ps.setInt(1, ExclusiveRuns.NAMESPACE);
      ps.setInt(2, java.util.Arrays.hashCode("probe".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      ps.execute();
      d.start();
      Thread.sleep(3_500);
      assertEquals(0, probe.runs.size(), "no run while the other instance's run holds the lock");
    }
    long deadline = System.currentTimeMillis() + 10_000;
    while (probe.runs.isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    d.stop();
    assertTrue(probe.runs.size() >= 1, "runs again once it is free");
    app.databaseHolder().closeIfOpen();
  }

  private static Daemon daemon(Database db, ProbeJobs probe) {
    return Daemon.clustered(Set.of(new JobSpec("probe", ProbeJobs.Exclusive.class, Duration.ofSeconds(1))),
        new DaggerJobFactory(Map.of(ProbeJobs.Exclusive.class, () -> new ProbeJobs.Exclusive(probe))), db);
  }
}
