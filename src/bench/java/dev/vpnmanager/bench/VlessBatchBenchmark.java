package dev.vpnmanager.bench;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.server.live.Drift;
import dev.vpnmanager.server.v2ray.XrayApi;
import dev.vpnmanager.server.v2ray.XrayApis;
import dev.vpnmanager.user.UserRecord;
import dev.vpnmanager.testing.DockerPeer;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.user.NewUser;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * On-demand benchmark, not a unit test (issue 4), on a real Xray container (test image; -Dbench.core=v2ray for
 * v2ray 4.x): N users live in one batch, three ways. (1) An import of N users (one transaction; live sync gets the
 * N events as one batch: one LiveUsers.add, N AlterInbound calls sent as one burst on one channel). (2) The
 * reconciler's batch: the N users taken off the core by hand (one removeUsers burst, as a core that lost them),
 * then one reconcile: the core's users (Xray: GetInboundUsers; v2ray 4.x cannot list users: a probe per user) and
 * one LiveUsers.add of the N missing. A second reconcile with nothing missing is the listing (or probe) alone.
 * (3) N more users through the whole path one by one (UserService add, commit, event, LiveSync, AlterInbound).
 * Needs eval "$(scripts/test-images.sh)". Run:
 * java -cp target/test-classes:target/classes:$(cat cp.txt) VlessBatchBenchmark [N]
 */
public final class VlessBatchBenchmark {
  private VlessBatchBenchmark() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    Path dir = Files.createTempDirectory("vless-batch-bench");
    Path script = dir.resolve("fw.sh");
    Files.writeString(script, "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    String core = System.getProperty("bench.core", "xray");
    AppComponent app = TestApp.create(dir.resolve("data"), Clock.systemUTC(), Map.of("images.vless",
        core.equals("xray") ? DockerPeer.XRAY : DockerPeer.V2RAY, "vless.core", core, "vless.sni",
        "reality.test.example", "vless.dest", "127.0.0.1:9", "vless.sni-check", "false",
        "firewall.script", script.toString(), "public-host", "127.0.0.1"));
    System.out.println("core " + core + ", load average " + Files.readString(Path.of("/proc/loadavg")).trim());
    String server = "batch-" + UUID.randomUUID().toString().substring(0, 6);
    app.serverContainers().install(Actor.cli(), "vless", server, freePort());
    try (XrayApis apis = new XrayApis()) {
      XrayApi api = apis.forServer(dev.vpnmanager.server.ServerSpecs.of(app.servers().require(server)));
      List<UserRecord> rows = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        rows.add(new UserRecord(null, "batch" + i, "vless", server, null, null, 0, 0, null, null, null, null, null));
        names.add("batch" + i);
      }
      long t0 = System.nanoTime();
      app.userTransfer().importUsers(Actor.cli(), rows, false);
      long imported = System.nanoTime() - t0;
      System.out.printf("import of %d users, live as one batch: %.0f ms (database and live)%s%n", n, imported / 1e6,
          core.equals("xray") ? "; on the core: " + api.inboundUsers("vless-in").size() : "");

      t0 = System.nanoTime();
      int notRemoved = api.removeUsers("vless-in", names).size();
      long removed = System.nanoTime() - t0;
      System.out.printf("the %d taken off the core by hand (one removeUsers burst): %.0f ms, %d failed%n", n,
          removed / 1e6, notRemoved);
      t0 = System.nanoTime();
      List<Drift> first = app.reconciler().reconcile();
      long batch = System.nanoTime() - t0;
      t0 = System.nanoTime();
      List<Drift> second = app.reconciler().reconcile();
      long probe = System.nanoTime() - t0;
      System.out.printf("%d users missing on the core, one reconcile (listing + one add batch): %.0f ms -> %d added,"
          + " error %s%n", n, batch / 1e6, first.get(0).missing().size(), first.get(0).error());
      System.out.printf("second reconcile, nothing missing (the listing alone): %.0f ms -> %s%n", probe / 1e6,
          second.get(0).summary());

      List<Long> each = new ArrayList<>();
      t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        long s = System.nanoTime();
        app.users().add(Actor.cli(), new NewUser("whole" + i, "vless", server, 0, null, null, null));
        each.add(System.nanoTime() - s);
      }
      long whole = System.nanoTime() - t0;
      Collections.sort(each);
      System.out.printf("%d users through UserService + live sync, one by one: total %.0f ms, p50 %.1f ms,"
          + " p95 %.1f ms, max %.1f ms%n", n, whole / 1e6, each.get(n / 2) / 1e6, each.get(n * 95 / 100) / 1e6,
          each.get(n - 1) / 1e6);
      List<Drift> after = app.reconciler().reconcile();
      System.out.println("reconcile after: " + after.get(0).summary());
      System.out.println("load average " + Files.readString(Path.of("/proc/loadavg")).trim());
    } finally {
      app.serverContainers().remove(Actor.cli(), server);
    }
    System.exit(0);
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
