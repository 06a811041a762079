package dev.vpnmanager.server.live;

import dev.vpnmanager.server.ServerUsers;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.protocol.UserSpec;
import dev.vpnmanager.protocol.shadowsocks.ShadowsocksDriver;
import dev.vpnmanager.protocol.wireguard.WireguardDriver;
import dev.vpnmanager.server.runtime.FinalCounts;
import dev.vpnmanager.server.shadowsocks.ShadowsocksLive;
import dev.vpnmanager.server.wireguard.WireguardLive;
import dev.vpnmanager.server.wireguard.WgSockets;
import dev.vpnmanager.testing.DockerPeer;
import dev.vpnmanager.user.NewUser;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * On-demand benchmark, not a unit test: live add (and remove) of N users in one batch on a real WireGuard server
 * (one UAPI set, or one {@code wg addconf} without the socket) and a real ss-libev server (N ss-manager adds),
 * single-user add latency, and the whole path of adding one new user (UserService, event, LiveSync, live add).
 * {@code -Dbench.wg.exec=true}: the direct WireGuard adds take the docker exec fallback (no socket where it looks).
 * Run: eval "$(scripts/test-images.sh)"; mvn -q test-compile && java -cp target/test-classes:target/classes:$(cat
 *   cp.txt) LiveBench [N]
 */
public final class LiveBench {
  private LiveBench() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    ContainerRuntime rt = DockerPeer.runtime();
    System.out.println("wireguard:   " + run(rt, "wireguard", n));
    System.out.println("shadowsocks: " + run(rt, "shadowsocks", n));
  }

  private static String run(ContainerRuntime rt, String protocol, int n) throws Exception {
    String suffix = HandWiredFixture.newSuffix();
    String server = protocol.substring(0, 2) + "-" + suffix;
    try (HandWiredFixture fx = new HandWiredFixture(Files.createTempDirectory("live-bench"), suffix, Map.of(
        "images.wireguard", DockerPeer.WIREGUARD, "images.shadowsocks", DockerPeer.SHADOWSOCKS,
        "public-host", "127.0.0.1", "wireguard.subnet", "10.8.0.0/21", "shadowsocks.api-port", Integer.toString(HandWiredFixture.freePort(41000))))) {
      FinalCounts finals = new FinalCounts();
      LiveUsers live = protocol.equals("wireguard")
          ? new WireguardLive(fx.app.database(), finals, new WireguardDriver(),
              new WgSockets(Boolean.getBoolean("bench.wg.exec") ? fx.app.settings().dataDir().resolve("none")
                  : fx.app.settings().dataDir().resolve("run"), rt))
          : new ShadowsocksLive(rt, fx.app.database(), finals, new ShadowsocksDriver());
      fx.app.serverContainers().install(Actor.cli(), protocol, server, HandWiredFixture.freeBlock(47000, n + 20));
      for (int i = 0; i < n; i++) {
        fx.app.users().add(Actor.cli(), new NewUser("user" + i, protocol, server, 0, null, null, null));
      }
      List<UserSpec> users = ServerUsers.all(fx.app.database(), server);
      long t0 = System.nanoTime();
      BatchResult added = live.add(fx.spec(server), users);
      long addMs = (System.nanoTime() - t0) / 1_000_000;
      int present = live.present(fx.spec(server)).size();
      t0 = System.nanoTime();
      BatchResult removed = live.remove(fx.spec(server), users);
      long removeMs = (System.nanoTime() - t0) / 1_000_000;
      double[] single = new double[Math.min(30, n)];
      for (int i = 0; i < single.length; i++) {
        t0 = System.nanoTime();
        live.add(fx.spec(server), List.of(users.get(i)));
        single[i] = (System.nanoTime() - t0) / 1e6;
      }
      // WireGuard: the whole path of one new user: UserService add, commit, event, LiveSync (server lookup), add.
      double[] whole = new double[protocol.equals("wireguard") ? 30 : 0];
      for (int i = 0; i < whole.length; i++) {
        t0 = System.nanoTime();
        fx.app.users().add(Actor.cli(), new NewUser("new" + i, protocol, server, 0, null, null, null));
        whole[i] = (System.nanoTime() - t0) / 1e6;
      }
      int presentAfter = live.present(fx.spec(server)).size();
      List<String> out = new ArrayList<>();
      out.add(n + " users added in one batch: " + addMs + " ms (" + added.applied().size() + " applied, "
          + added.failed().size() + " failed, " + present + " present)");
      out.add("removed: " + removeMs + " ms (" + removed.applied().size() + ")");
      out.add("single add (" + single.length + ") " + percentiles(single));
      if (whole.length > 0) {
        out.add("whole-path add (" + whole.length + ") " + percentiles(whole) + ", " + presentAfter + " present");
      }
      return String.join("; ", out);
    }
  }

  private static String percentiles(double[] ms) {
    double[] s = ms.clone();
    Arrays.sort(s);
    return String.format("p50 %.1f ms, p95 %.1f ms, max %.1f ms", s[s.length / 2],
        s[(int) Math.ceil(s.length * 0.95) - 1], s[s.length - 1]);
  }
}
