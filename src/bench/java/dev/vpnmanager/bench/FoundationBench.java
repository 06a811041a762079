package dev.vpnmanager.bench;

import dev.vpnmanager.domain.UserStatus;
import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.domain.VpnUser;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.user.UserFiles;
import dev.vpnmanager.user.UserRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * On-demand benchmark of the foundation (not a unit test): import of 100,000 users, one page of the user
 * list at 100,000 users, and finding users due for expiry among them. Run:
 * {@code mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=FoundationBench}
 * or with java -cp target/test-classes:target/classes:CLASSPATH. Prints one line per measurement.
 */
public final class FoundationBench {
  private FoundationBench() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    // default: vless and socks users, which need no port or address of their own; "shadowsocks,wireguard" makes
    // every import allocate a port (ss-libev: one per user, from port-range) or an address (wireguard.subnet)
    String[] protocols = (args.length > 1 ? args[1] : "vless,socks").split(",");
    Path dir = Files.createTempDirectory("bench");
    AppComponent app = TestApp.create(dir, java.time.Clock.systemUTC(),
        java.util.Map.of("port-range", "10000-64999", "wireguard.subnet", "10.64.0.0/16"));
    if (Arrays.asList(protocols).contains("shadowsocks")) {
      // ss-libev gives each user a port of their own from the server's userPorts (1,000 from its port unless
      // widened): the server first, with every port above 10000 for its users, as an operator would set it
      app.users().add(Actor.cli(), new dev.vpnmanager.user.NewUser("ss-seed", "shadowsocks", null, 0, null, null,
          null));
      dev.vpnmanager.domain.VpnServer ss = app.userQueries().require("ss-seed").getServer();
      ss.setSettings(dev.vpnmanager.protocol.Credentials.fromJson(ss.getSettings())
          .with("userPorts", "10000-64999").toJson());
      app.database().update(ss);
      app.users().delete(Actor.cli(), "ss-seed");
    }
    List<UserRecord> rows = new ArrayList<>(n);
    Instant base = Instant.parse("2030-01-01T00:00:00Z");
    for (int i = 0; i < n; i++) {
      rows.add(new UserRecord(null, String.format("user%06d", i), protocols[i % protocols.length], null,
          "active", null, 0, 0, base.plusSeconds(i * 60L), null, null, null, null));
    }
    String json = UserFiles.toJson(rows);
    long t0 = System.nanoTime();
    List<UserRecord> parsed = UserFiles.parse(json);
    System.out.printf("  parse: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    LockWatch watch = new LockWatch(dir.resolve("vpn-manager.db"));
    app.userTransfer().importUsers(Actor.cli(), parsed, false);
    long importMs = (System.nanoTime() - t0) / 1_000_000;
    long lockedMs = watch.stop();
    System.out.printf("import of %,d users (%s; parse + validate + one transaction): %d ms%n", n,
        String.join(", ", protocols), importMs);
    System.out.printf("  another connection could not write for at most %d ms at a stretch (the write lock)%n",
        lockedMs);

    double[] page = time(200, () -> app.userQueries().page(null, null, (int) (Math.random() * (n / 10)), 10));
    System.out.printf("one page of 10 at %,d users: p50 %.2f ms, p95 %.2f ms%n", n, page[0], page[1]);
    double[] filtered = time(200, () -> app.userQueries().page(UserStatus.ACTIVE, "user05",
        (int) (Math.random() * 100), 10));
    System.out.printf("one page filtered by status and name prefix: p50 %.2f ms, p95 %.2f ms%n",
        filtered[0], filtered[1]);
    Instant due = base.plusSeconds(n * 60L / 100);
    double[] expiry = time(200, () -> app.userQueries().dueForExpiry(due));
    System.out.printf("users due for expiry among %,d (%d due): p50 %.2f ms, p95 %.2f ms%n", n,
        app.userQueries().dueForExpiry(due).size(), expiry[0], expiry[1]);
    System.out.printf("rows: %d%n", app.database().find(VpnUser.class).findCount());
    long t1 = System.nanoTime();
    app.users().add(Actor.cli(), new dev.vpnmanager.user.NewUser("one-more", protocols[0], null, 0, null, null,
        null));
    System.out.printf("then one user added (%s) among %,d: %d ms%n", protocols[0], n,
        (System.nanoTime() - t1) / 1_000_000);
    app.database().shutdown();
  }

  /**
   * How long the import holds SQLite's write lock: a thread with a connection of its own tries BEGIN IMMEDIATE
   * (no busy wait) every 2 ms and keeps the longest stretch it was refused.
   */
  private static final class LockWatch {
    private final Thread thread;
    private volatile boolean done;
    private volatile long longestNanos;

    LockWatch(Path db) throws java.sql.SQLException {
      java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db + "?busy_timeout=0");
      thread = new Thread(() -> {
        long free = System.nanoTime();
        try (c; java.sql.Statement st = c.createStatement()) {
          while (!done) {
            try {
              st.execute("begin immediate");
              st.execute("rollback");
              free = System.nanoTime();
            } catch (java.sql.SQLException busy) {
              longestNanos = Math.max(longestNanos, System.nanoTime() - free);
            }
            Thread.sleep(2);
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }, "lock-watch");
      thread.start();
    }

    long stop() throws InterruptedException {
      done = true;
      thread.join();
      return longestNanos / 1_000_000;
    }
  }

  private static double[] time(int runs, Runnable r) {
    for (int i = 0; i < 20; i++) {
      r.run();
    }
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      r.run();
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);
    return new double[] {ms[runs / 2], ms[runs * 95 / 100]};
  }
}
