package dev.vpnmanager.bench;

import dev.vpnmanager.server.v2ray.XrayApi;
import dev.vpnmanager.traffic.Reading;
import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.docker.ContainerState;
import dev.vpnmanager.docker.Labels;
import dev.vpnmanager.domain.VpnServer;
import dev.vpnmanager.server.live.ContainerCounterSources;
import dev.vpnmanager.server.live.LiveServers;
import dev.vpnmanager.server.runtime.ApiSockets;
import dev.vpnmanager.server.v2ray.V2rayCounters;
import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.storage.Tx;
import dev.vpnmanager.testing.FakeClock;
import dev.vpnmanager.testing.StatsStandIn;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.traffic.CounterSource;
import dev.vpnmanager.traffic.CycleResult;
import dev.vpnmanager.traffic.TrafficCollector;
import dev.vpnmanager.traffic.TrafficFold;
import dev.vpnmanager.user.NewUser;
import dev.vpnmanager.server.v2ray.XrayApis;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * On-demand benchmark, not a unit test (issue 6): one traffic cycle at N users through the production path,
 * against {@link StatsStandIn} (QueryStats over the real gRPC wire, on a Unix socket as a local server's core is read
 * by default, or with -Dbench.tcp=true on the loopback; 2N counters, all grown every cycle) and a
 * real SQLite file: ContainerCounterSources (deployed servers from the database, the server's users through
 * LiveServers) -> V2rayCounters (XrayApis channel, QueryStats "user>>>") -> TrafficCollector (deltas, one
 * commit). The only stand-in besides the core is the container runtime's inspect, which reports the server's
 * container as running. With EVERY 10, a tenth of the users' counters grow per cycle. Each cycle's count of
 * changed users and, at the end, every user's used bytes and daily rows are checked against the core exactly.
 * Run: java -cp target/test-classes:target/classes:$(cat cp.txt) TrafficWireBenchmark [N [cycles [EVERY [WARMUP]]]]
 * (WARMUP cycles first, 60 unless given: the figures are of a daemon whose JIT has compiled the cycle)
 */
public final class TrafficWireBenchmark {
  /** Cycles before the measured ones, unless given. */
  static final int WARMUP = 60;

  private TrafficWireBenchmark() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int cycles = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    int every = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    // the daemon runs a cycle every 10 s for as long as it runs: the figures are of cycles after the JIT has
    // compiled the path (here it compiled for the first ~60 cycles); the warm-up's are printed apart
    int warmup = args.length > 3 ? Integer.parseInt(args[3]) : WARMUP;
    Path dir = Files.createTempDirectory("traffic-wire-bench");
    FakeClock clock = FakeClock.at("2026-09-01T12:00:00Z");
    AppComponent app = TestApp.create(dir, clock, Map.of());
    app.users().add(Actor.cli(), new NewUser("seed", "vless", null, 0, null, null, null));
    VpnServer server = app.userQueries().require("seed").getServer();
    JobsBenchmark.insertUsersInto(app, n, server.getId(), clock.instant());
    new Tx(app.database()).run(txn -> { // real-sized credentials: a VLESS uuid each
      try (PreparedStatement ps = txn.connection().prepareStatement("update vpn_user set credentials ="
          + " '{\"uuid\":\"' || lower(hex(randomblob(16))) || '\"}' where username like 'u%'")) {
        ps.executeUpdate();
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    });
    XrayApis apis = new XrayApis();
    // a local server's core answers on a Unix socket in the data dir by default (ApiSockets); -Dbench.tcp=true
    // reads it on the loopback at a port instead, as servers deployed before the sockets are read
    boolean tcp = Boolean.getBoolean("bench.tcp");
    Path socket = dir.resolve("api.sock");
    // -Dbench.core=process: the stand-in in a JVM of its own (default flags), so this JVM can run with the daemon's
    // flags (-Xmx96m ...) and its GC counts only the manager's garbage, not the core's 8 MB answer per cycle
    boolean child = "process".equals(System.getProperty("bench.core"));
    if (child && tcp) {
      throw new IllegalArgumentException("-Dbench.core=process reads the stand-in on its socket: not with bench.tcp");
    }
    Process coreProcess = child ? startCore(n, every, socket) : null;
    try (StatsStandIn local = child ? null : new StatsStandIn(n, every, "u", tcp ? null : socket)) {
      dev.vpnmanager.testing.CounterModel core = child ? StatsStandIn.remote(socket, every) : local;
      server.setDeployed(true);
      server.setContainerId("standin-" + server.getName());
      Credentials settings = Credentials.fromJson(server.getSettings()).with("core", "xray");
      server.setSettings((tcp ? settings.with("apiPort", Integer.toString(local.port()))
          : settings.with(ApiSockets.KEY, socket.toString())).toJson());
      app.database().update(server);
      ContainerCounterSources sources = new ContainerCounterSources(
          new LiveServers(app.database(), runningContainerOf(server.getName())),
          Map.of("vless", new V2rayCounters(apis, "xray")));
      TrafficCollector collector = new TrafficCollector(new Tx(app.database()), Optional.of(sources), clock);
      TrafficFold fold = new TrafficFold(new Tx(app.database()));
      // the measured cycles: one collect() each, nothing else reads the core in between
      com.sun.management.ThreadMXBean threads =
          (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
      com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
          java.lang.management.ManagementFactory.getOperatingSystemMXBean();
      long self = Thread.currentThread().getId();
      List<Double> total = new ArrayList<>();
      List<Double> cpu = new ArrayList<>();
      List<Double> processCpu = new ArrayList<>();
      List<Double> allocated = new ArrayList<>();
      List<Integer> changed = new ArrayList<>();
      List<Double> job = new ArrayList<>();
      List<Double> folds = new ArrayList<>();
      long foldedRows = 0;
      long gcBefore = 0;
      long gcTimeBefore = 0;
      List<Double> warm = new ArrayList<>();
      long jitBefore = 0;
      java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
      for (int i = 0; i < cycles + warmup; i++) {
        if (i == warmup) {
          jitBefore = jit.getTotalCompilationTime();
          gcBefore = gcCount();
          gcTimeBefore = gcTime();
        }
        long c0 = threads.getCurrentThreadCpuTime();
        long p0 = os.getProcessCpuTime();
        long a0 = threads.getThreadAllocatedBytes(self);
        long t0 = System.nanoTime();
        CycleResult r = collector.collect();
        long t1 = System.nanoTime();
        long c1 = threads.getCurrentThreadCpuTime();
        // then what the traffic job does after the cycle, in its own transactions, timed apart
        long f0 = System.nanoTime();
        int moved = fold.foldIfDue();
        long f1 = System.nanoTime();
        if (i >= warmup) {
          job.add((f1 - t0) / 1e6);
          if (moved > 0) {
            folds.add((f1 - f0) / 1e6);
            foldedRows += moved;
          }
        }
        long p1 = os.getProcessCpuTime();
        long a1 = threads.getThreadAllocatedBytes(self);
        int expect = expectedChanged(core, n, i == 0);
        if (r.changed() != expect || !r.failed().isEmpty()) {
          throw new IllegalStateException("cycle " + i + " counted " + r + ", expected " + expect + " changed");
        }
        if (i > 0 && i < warmup) {
          warm.add((t1 - t0) / 1e6);
        }
        if (i >= warmup) {
          total.add((t1 - t0) / 1e6);
          cpu.add((c1 - c0) / 1e6);
          processCpu.add((p1 - p0) / 1e6);
          allocated.add((a1 - a0) / 1e6);
          changed.add(r.changed());
        }
      }
      long jitMs = jit.getTotalCompilationTime() - jitBefore;
      long gcs = gcCount() - gcBefore;
      long gcMs = gcTime() - gcTimeBefore;
      check(app, core, n);
      // then parts of the cycle alone, for the profile (these reads are not part of the figures above)
      List<Double> query = new ArrayList<>();
      List<Double> decode = new ArrayList<>();
      XrayApi api = tcp ? apis.of("127.0.0.1", local.port(), "xray") : apis.ofSocket(socket, "xray");
      long[] sink = new long[1];
      for (int i = 0; i < Math.min(cycles, 8); i++) {
        long u1 = System.nanoTime();
        byte[] answer = api.queryStatsAnswer("user>>>");
        long u2 = System.nanoTime();
        XrayApi.forEachStat(answer, (buf, from, to, value) -> sink[0] += value + to - from);
        long u3 = System.nanoTime();
        query.add((u2 - u1) / 1e6);
        decode.add((u3 - u2) / 1e6);
      }
      collector.collect();
      check(app, core, n);
      fold.foldAll(); // the whole log into the daily totals: still exact
      check(app, core, n);
      System.out.printf("%,d users, %,d counters over gRPC (%s%s), 1 in %d users changing per cycle (%,d..%,d changed),"
          + " %d cycles after %d warm-up; exact totals checked%n", n, 2 * n,
          tcp ? "loopback TCP" : "the core's Unix socket", child ? ", the core in a JVM of its own" : "", every,
          changed.stream().mapToInt(Integer::intValue).min().orElse(0),
          changed.stream().mapToInt(Integer::intValue).max().orElse(0), cycles, warmup);
      System.out.println("  whole cycle (collect()), wall:  " + stats(total));
      if (!warm.isEmpty()) {
        System.out.println("  warm-up cycles 2.." + warmup + " (the JIT compiling), wall: " + stats(warm));
      }
      System.out.println("  JIT compilation during the measured cycles: " + jitMs + " ms (all compiler threads)");
      System.out.println("  CPU of the collecting thread:   " + stats(cpu));
      System.out.println("  CPU of the whole process (" + (child ? "the stand-in core runs in a JVM of its own"
          : "the stand-in core's encoding and gRPC threads included") + "): " + stats(processCpu));
      System.out.println("  allocated by the collecting thread, MB: " + stats(allocated).replace(" ms", ""));
      System.out.printf("  GC during the measured cycles: %d collections, %d ms%n", gcs, gcMs);
      System.out.println("  rows written per cycle: 1 patch of the snapshot (the moved counters; the whole row when"
          + " the patches would outgrow it 4 times) + 1 traffic_log row appended and 1 user_usage upsert per changed"
          + " user");
      System.out.println("  the traffic job (cycle, then the fold when due), wall: " + stats(job));
      System.out.println("  folds during the measured cycles: " + folds.size() + " of " + foldedRows
          + " log rows" + (folds.isEmpty() ? "" : ", each: " + stats(folds)));
      System.out.println("  profile: QueryStats call alone (answer bytes):  " + stats(query));
      System.out.println("  profile: decoding that answer in place alone:   " + stats(decode));
    } finally {
      if (coreProcess != null) {
        coreProcess.getOutputStream().close();
        coreProcess.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        coreProcess.destroyForcibly();
      }
      apis.close();
      app.database().shutdown();
      try (var files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(dir);
    }
    System.exit(0);
  }

  /** The stand-in in a JVM of its own, listening on {@code socket} once this returns. */
  private static Process startCore(int n, int every, Path socket) throws java.io.IOException {
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), StatsStandIn.class.getName(), Integer.toString(n),
        Integer.toString(every), socket.toString()).redirectError(ProcessBuilder.Redirect.INHERIT);
    // the core is another program (Xray is Go): the daemon's malloc settings, if this JVM runs with them, are not its
    pb.environment().keySet().removeIf(k -> k.startsWith("MALLOC_"));
    Process p = pb.start();
    String line = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
        java.nio.charset.StandardCharsets.UTF_8)).readLine();
    if (!"ready".equals(line)) {
      p.destroyForcibly();
      throw new IllegalStateException("the stand-in core did not start: " + line);
    }
    return p;
  }

  /**
   * Users whose counters grew in exactly the newest generation (the collector read the one before it); in the
   * first cycle, every user whose counters are above zero.
   */
  private static int expectedChanged(dev.vpnmanager.testing.CounterModel core, int n, boolean first) {
    long g = core.generation();
    int count = 0;
    for (int i = 0; i < n; i++) {
      if (first ? core.total(i, g) > 0 : core.changes(i, g) != core.changes(i, g - 1)) {
        count++;
      }
    }
    return count;
  }

  /**
   * Exact totals: every user's used bytes equal their counters at the core's newest generation (the last one
   * committed), and the sum of their daily rows equals their used bytes: counted once, none lost.
   */
  private static void check(AppComponent app, dev.vpnmanager.testing.CounterModel core, int n) {
    long g = core.generation();
    new Tx(app.database()).run(txn -> {
      try (PreparedStatement ps = txn.connection().prepareStatement("select u.username,"
          + " coalesce((select g.used_bytes from user_usage g where g.user_id = u.id), 0),"
          + " (select coalesce(sum(d.bytes), 0) from daily_usage d where d.user_id = u.id)"
          + " from vpn_user u where u.username like 'u%'");
           ResultSet rs = ps.executeQuery()) {
        int seen = 0;
        while (rs.next()) {
          int i = Integer.parseInt(rs.getString(1).substring(1));
          long want = core.total(i, g);
          if (rs.getLong(2) != want || rs.getLong(3) != want) {
            throw new IllegalStateException(rs.getString(1) + ": used " + rs.getLong(2) + ", daily " + rs.getLong(3)
                + ", counters say " + want);
          }
          seen++;
        }
        if (seen != n) {
          throw new IllegalStateException(seen + " users checked, " + n + " expected");
        }
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  /** Only inspect answers: the server's container, running, labelled with the server's name. */
  private static ContainerRuntime runningContainerOf(String serverName) {
    ContainerState state = new ContainerState("standin-" + serverName, "vpn-manager-" + serverName, "stand-in",
        "running", true, "none", Instant.now(), 0, null, Map.of(Labels.SERVER, serverName));
    return (ContainerRuntime) Proxy.newProxyInstance(TrafficWireBenchmark.class.getClassLoader(),
        new Class<?>[] {ContainerRuntime.class}, (proxy, method, a) -> {
          if (method.getName().equals("inspect")) {
            return Optional.of(state);
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }

  private static long gcCount() {
    return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionCount).sum();
  }

  private static long gcTime() {
    return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
  }

  static String stats(List<Double> ms) {
    List<Double> s = new ArrayList<>(ms);
    Collections.sort(s);
    return String.format("median %.0f ms, p95 %.0f ms, max %.0f ms (n=%d)", s.get(s.size() / 2),
        s.get((int) Math.ceil(s.size() * 0.95) - 1), s.get(s.size() - 1), s.size());
  }
}
