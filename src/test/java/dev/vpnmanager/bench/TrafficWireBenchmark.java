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
import dev.vpnmanager.server.v2ray.V2rayCounters;
import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.storage.Tx;
import dev.vpnmanager.testing.FakeClock;
import dev.vpnmanager.testing.StatsStandIn;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.traffic.CounterSource;
import dev.vpnmanager.traffic.CycleResult;
import dev.vpnmanager.traffic.TrafficCollector;
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
 * against {@link StatsStandIn} (QueryStats over the real gRPC wire, 2N counters, all grown every cycle) and a
 * real SQLite file: ContainerCounterSources (deployed servers from the database, the server's users through
 * LiveServers) -> V2rayCounters (XrayApis channel, QueryStats "user>>>") -> TrafficCollector (deltas, one
 * commit). The only stand-in besides the core is the container runtime's inspect, which reports the server's
 * container as running. Run:
 * java -cp target/test-classes:target/classes:$(cat cp.txt) TrafficWireBenchmark [N [cycles]]
 */
public final class TrafficWireBenchmark {
  private TrafficWireBenchmark() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int cycles = args.length > 1 ? Integer.parseInt(args[1]) : 15;
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
    try (StatsStandIn core = new StatsStandIn(n)) {
      server.setDeployed(true);
      server.setContainerId("standin-" + server.getName());
      server.setSettings(Credentials.fromJson(server.getSettings()).with("apiPort", Integer.toString(core.port()))
          .with("core", "v2ray").toJson());
      app.database().update(server);
      ContainerCounterSources sources = new ContainerCounterSources(
          new LiveServers(app.database(), runningContainerOf(server.getName())),
          Map.of("vless", new V2rayCounters(apis, "v2ray")));
      TrafficCollector collector = new TrafficCollector(new Tx(app.database()), Optional.of(sources), clock);
      List<Double> total = new ArrayList<>();
      List<Double> read = new ArrayList<>();
      List<Double> commit = new ArrayList<>();
      List<Double> users = new ArrayList<>();
      List<Double> query = new ArrayList<>();
      LiveServers live = new LiveServers(app.database(), runningContainerOf(server.getName()));
      XrayApi api = apis.of("127.0.0.1", core.port(), "v2ray");
      for (int i = 0; i < cycles + 3; i++) {
        long t0 = System.nanoTime();
        CycleResult r = collector.collect();
        long t1 = System.nanoTime();
        if (r.changed() != n || !r.failed().isEmpty()) {
          throw new IllegalStateException("cycle " + i + " counted " + r);
        }
        // the same cycle split in two, for the profile: reading the counters, then deltas + commit
        long s0 = System.nanoTime();
        List<CounterSource> current = sources.current();
        List<Reading> readings = new ArrayList<>();
        for (CounterSource s : current) {
          readings.add(new Reading(s.serverName(), s.read()));
        }
        long s1 = System.nanoTime();
        collector.commit(readings);
        long s2 = System.nanoTime();
        long u0 = System.nanoTime();
        live.users(server.getName(), false);
        long u1 = System.nanoTime();
        api.queryStats("user>>>");
        long u2 = System.nanoTime();
        if (i >= 3) {
          users.add((u1 - u0) / 1e6);
          query.add((u2 - u1) / 1e6);
          total.add((t1 - t0) / 1e6);
          read.add((s1 - s0) / 1e6);
          commit.add((s2 - s1) / 1e6);
        }
      }
      check(app, n);
      System.out.printf("%,d users, %,d counters over gRPC, %d cycles after 3 warm-up:%n", n, 2 * n, cycles);
      System.out.println("  whole cycle (collect()):        " + stats(total));
      System.out.println("  counters in (sources + QueryStats + map): " + stats(read));
      System.out.println("  deltas + one commit:            " + stats(commit));
      System.out.println("  of the counters in: the server's users from the database: " + stats(users));
      System.out.println("  of the counters in: QueryStats call and decode alone:     " + stats(query));
    } finally {
      apis.close();
      app.database().shutdown();
    }
    System.exit(0);
  }

  /** Every user's used bytes must equal what the stand-in's last generation says (counted once, none lost). */
  private static void check(AppComponent app, int n) throws Exception {
    long[] bad = {0};
    new Tx(app.database()).run(txn -> {
      try (PreparedStatement ps = txn.connection().prepareStatement(
          "select count(*) from vpn_user where username like 'u%' and used_bytes = 0");
           ResultSet rs = ps.executeQuery()) {
        rs.next();
        bad[0] = rs.getLong(1);
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    });
    if (bad[0] != 0) {
      throw new IllegalStateException(bad[0] + " users without counted traffic");
    }
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

  static String stats(List<Double> ms) {
    List<Double> s = new ArrayList<>(ms);
    Collections.sort(s);
    return String.format("median %.0f ms, p95 %.0f ms, max %.0f ms (n=%d)", s.get(s.size() / 2),
        s.get((int) Math.ceil(s.size() * 0.95) - 1), s.get(s.size() - 1), s.size());
  }
}
