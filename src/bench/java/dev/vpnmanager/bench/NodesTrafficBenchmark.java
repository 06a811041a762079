package dev.vpnmanager.bench;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.docker.ContainerState;
import dev.vpnmanager.docker.Labels;
import dev.vpnmanager.domain.VpnServer;
import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.server.live.ContainerCounterSources;
import dev.vpnmanager.server.live.LiveServers;
import dev.vpnmanager.server.v2ray.V2rayCounters;
import dev.vpnmanager.server.v2ray.XrayApis;
import dev.vpnmanager.storage.Tx;
import dev.vpnmanager.testing.FakeClock;
import dev.vpnmanager.testing.StatsStandIn;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.traffic.CounterSink;
import dev.vpnmanager.traffic.CounterSource;
import dev.vpnmanager.traffic.CycleResult;
import dev.vpnmanager.traffic.TrafficCollector;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * On-demand benchmark, not a unit test (issue 14): one traffic cycle over S servers (default 10) with N users each
 * (default 10,000), every server its own {@link StatsStandIn} (QueryStats over the real gRPC wire, 2N counters,
 * all grown on every call; users named n{k}u{i}, distinct across servers), through the production path:
 * ContainerCounterSources (deployed servers from the database) -> V2rayCounters (XrayApis channel per server) ->
 * TrafficCollector (deltas of all servers, one commit) on a real SQLite file. The only other stand-in is the container
 * runtime's inspect, which reports every server's container as running.
 *
 * <p>Three phases, each 3 warm-up cycles and then CYCLES measured ones: the servers read in parallel (the default
 * collector), read one after another (a collector with one reader), in parallel again (the machine is shared: the
 * two parallel phases show how much the load moved). Each cycle must count S*N changed users and no failed server;
 * at the end every user's used bytes and the sum of their daily rows must equal their core's counters exactly.
 * With DELAY_MS each core holds its answer back that long (a node across a network, or a busy core), which is
 * where reading in parallel pays; in-process stand-ins answer at once and on 2 cores the reads are CPU-bound.
 * Run: java -cp target/test-classes:target/classes:$(cat cp.txt) dev.vpnmanager.bench.NodesTrafficBenchmark
 * [S [N [CYCLES [DELAY_MS]]]]
 */
public final class NodesTrafficBenchmark {
  private NodesTrafficBenchmark() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    int servers = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int cycles = args.length > 2 ? Integer.parseInt(args[2]) : 15;
    long delay = args.length > 3 ? Long.parseLong(args[3]) : 0;
    Path dir = Files.createTempDirectory("nodes-traffic-bench");
    FakeClock clock = FakeClock.at("2026-09-01T12:00:00Z");
    AppComponent app = TestApp.create(dir, clock, Map.of());
    XrayApis apis = new XrayApis();
    List<StatsStandIn> cores = new ArrayList<>();
    Map<String, ContainerState> containers = new HashMap<>();
    try {
      for (int k = 0; k < servers; k++) {
        StatsStandIn core = new StatsStandIn(n, 1, prefix(k)).delay(delay);
        cores.add(core);
        String name = "node" + k;
        int port = 20_000 + k;
        VpnServer server = new Tx(app.database()).write(txn -> {
          VpnServer s = app.servers().define(txn, Actor.cli(), "vless", name, port);
          s.setDeployed(true);
          s.setContainerId("standin-" + name);
          s.setSettings(Credentials.fromJson(s.getSettings()).with("apiPort", Integer.toString(core.port()))
              .with("core", "v2ray").toJson());
          app.database().update(s, txn);
          return s;
        });
        insertUsers(app, n, server.getId(), prefix(k), clock.instant());
        ContainerState state = new ContainerState("standin-" + name, "vpn-manager-" + name, "stand-in", "running",
            true, "none", Instant.parse("2026-09-01T00:00:00Z"), 0, null, Map.of(Labels.SERVER, name));
        containers.put(state.id(), state);
        containers.put(state.name(), state);
      }
      ContainerCounterSources sources = new ContainerCounterSources(
          new LiveServers(app.database(), running(containers)), Map.of("vless", new V2rayCounters(apis, "v2ray")));
      if (sources.current().size() != servers) {
        throw new IllegalStateException(sources.current().size() + " sources, " + servers + " expected");
      }
      Tx tx = new Tx(app.database());
      TrafficCollector parallel = new TrafficCollector(tx, Optional.of(sources), clock);
      TrafficCollector inTurn = new TrafficCollector(tx, Optional.of(sources), clock, 1);
      double load0 = loadAverage();
      List<Double> p1 = phase(parallel, servers * n, cycles);
      check(app, cores, n);
      double load1 = loadAverage();
      List<Double> s = phase(inTurn, servers * n, cycles);
      check(app, cores, n);
      double load2 = loadAverage();
      List<Double> p2 = phase(parallel, servers * n, cycles);
      check(app, cores, n);
      double load3 = loadAverage();
      // the reads alone, one server after another on this thread, for the profile (not part of the figures above)
      List<Double> reads = new ArrayList<>();
      CounterSink drop = new CounterSink() {
        @Override
        public void add(String name, long bytes) {}

        @Override
        public void add(byte[] utf8, int from, int to, long bytes) {}
      };
      for (int i = 0; i < 8; i++) {
        long t0 = System.nanoTime();
        for (CounterSource src : sources.current()) {
          src.read(drop);
        }
        reads.add((System.nanoTime() - t0) / 1e6);
      }
      System.out.printf("%d servers x %,d users (%,d counters over gRPC per cycle, all changing), each answer held"
          + " back %d ms, %d cycles after 3 warm-up per phase; every cycle %,d changed, 0 failed; exact totals"
          + " checked after each phase%n", servers, n, 2L * servers * n, delay, cycles, (long) servers * n);
      System.out.println("  parallel reads (8 readers), whole cycle:   " + TrafficWireBenchmark.stats(p1)
          + String.format("  [load %.2f -> %.2f]", load0, load1));
      System.out.println("  reads one after another, whole cycle:      " + TrafficWireBenchmark.stats(s)
          + String.format("  [load %.2f -> %.2f]", load1, load2));
      System.out.println("  parallel reads again, whole cycle:         " + TrafficWireBenchmark.stats(p2)
          + String.format("  [load %.2f -> %.2f]", load2, load3));
      System.out.println("  profile: the " + servers + " reads alone, in turn (sources + QueryStats + decode): "
          + TrafficWireBenchmark.stats(reads));
      parallel.close();
    } finally {
      apis.close();
      for (StatsStandIn c : cores) {
        c.close();
      }
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

  static String prefix(int k) {
    return "n" + k + "u";
  }

  private static List<Double> phase(TrafficCollector collector, long expect, int cycles) {
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < cycles + 3; i++) {
      long t0 = System.nanoTime();
      CycleResult r = collector.collect();
      long t1 = System.nanoTime();
      if (r.changed() != expect || !r.failed().isEmpty()) {
        throw new IllegalStateException("cycle " + i + " counted " + r + ", expected " + expect + " changed");
      }
      if (i >= 3) {
        ms.add((t1 - t0) / 1e6);
      }
    }
    return ms;
  }

  private static void insertUsers(AppComponent app, int n, long serverId, String prefix, Instant now) {
    new Tx(app.database()).run(txn -> {
      try (PreparedStatement ps = txn.connection().prepareStatement("insert into vpn_user (username, protocol,"
          + " server_id, credentials, status, limit_bytes, expires_at, reset_strategy, reset_day,"
          + " version, created_at, modified_at) values (?, 'vless', ?, '{\"uuid\":\"' || lower(hex(randomblob(16)))"
          + " || '\"}', 'active', ?, null, 'none', 0, 1, ?, ?)")) {
        Timestamp ts = Timestamp.from(now);
        for (int i = 0; i < n; i++) {
          ps.setString(1, prefix + i);
          ps.setLong(2, serverId);
          ps.setLong(3, 10_000_000_000_000L);
          ps.setTimestamp(4, ts);
          ps.setTimestamp(5, ts);
          ps.addBatch();
        }
        ps.executeBatch();
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  /** Every user's used bytes and the sum of their daily rows equal their core's counters at its last answer. */
  private static void check(AppComponent app, List<StatsStandIn> cores, int n) {
    new Tx(app.database()).run(txn -> {
      try (PreparedStatement ps = txn.connection().prepareStatement("select u.username,"
          + " coalesce((select g.used_bytes from user_usage g where g.user_id = u.id), 0),"
          + " (select coalesce(sum(d.bytes), 0) from daily_usage d where d.user_id = u.id)"
          + " from vpn_user u where u.username like 'n%u%'");
           ResultSet rs = ps.executeQuery()) {
        int seen = 0;
        while (rs.next()) {
          String name = rs.getString(1);
          int k = Integer.parseInt(name.substring(1, name.indexOf('u')));
          int i = Integer.parseInt(name.substring(name.indexOf('u') + 1));
          long want = cores.get(k).total(i, cores.get(k).generation());
          if (rs.getLong(2) != want || rs.getLong(3) != want) {
            throw new IllegalStateException(name + ": used " + rs.getLong(2) + ", daily " + rs.getLong(3)
                + ", counters say " + want);
          }
          seen++;
        }
        if (seen != cores.size() * n) {
          throw new IllegalStateException(seen + " users checked, " + cores.size() * n + " expected");
        }
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  /** Only inspect answers: each server's container, running, labelled with the server's name. */
  private static ContainerRuntime running(Map<String, ContainerState> containers) {
    return (ContainerRuntime) Proxy.newProxyInstance(NodesTrafficBenchmark.class.getClassLoader(),
        new Class<?>[] {ContainerRuntime.class}, (proxy, method, a) -> {
          if (method.getName().equals("inspect")) {
            return Optional.ofNullable(containers.get((String) a[0]));
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }

  private static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
