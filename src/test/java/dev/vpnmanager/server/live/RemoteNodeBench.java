package dev.vpnmanager.server.live;

import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.testing.DockerPeer;
import dev.vpnmanager.testing.RemoteNode;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On demand (not in the suite: `./mvnw -o test -Dtest=RemoteNodeBench`): how long a user change takes to reach a
 * VLESS server, from UserService.suspend/resume to the core's answer (commit, event, LiveSync, the core's API), on a
 * remote node (xray api adu/rmu over docker exec, TLS engine in a namespace) and, beside it, on the local engine
 * (gRPC on loopback). Also one batch of 1,000 users (one adu exec, one rmu exec) on the remote node.
 */
class RemoteNodeBench {
  @TempDir Path dir;

  @Test
  void userChangeLatency() throws Exception {
    int rounds = Integer.getInteger("bench.rounds", 100);
    try (RemoteNode node = RemoteNode.start(DockerPeer.XRAY)) {
      RealityDest dest = RealityDest.start(Files.createDirectories(dir.resolve("node-dest")),
          InetAddress.getByName(node.hostAddress));
      LiveFixture f = LiveFixture.xray(dir, Clock.systemUTC(), Map.of("vless.dest", dest.address()));
      try {
        f.app.nodeService().add(Actor.cli(), "edge", node.docker, node.tlsDir, node.address);
        String remote = "vless-bn-" + f.suffix;
        f.app.serverContainers().install(Actor.cli(), "vless", remote, 47100 + (int) (Math.random() * 800),
            Map.of("node", "edge"));
        String local = f.install("vless");
        f.user("rem-a", remote, 0);
        f.user("loc-a", local, 0);
        report("remote node (xray api over docker exec, TLS)", measure(f, "rem-a", rounds));
        report("local engine (gRPC on loopback)", measure(f, "loc-a", rounds));

        var live = new VlessLiveAccess(f);
        List<dev.vpnmanager.protocol.UserSpec> batch = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
          batch.add(new dev.vpnmanager.protocol.UserSpec("bat" + i, dev.vpnmanager.protocol.Credentials.of("uuid",
              java.util.UUID.randomUUID().toString())));
        }
        long t0 = System.nanoTime();
        var added = live.users().add(live.spec(remote), batch);
        long t1 = System.nanoTime();
        var removed = live.users().remove(live.spec(remote), batch);
        long t2 = System.nanoTime();
        System.out.printf("BENCH remote batch of 1000: add %d ms (%d applied), remove %d ms (%d applied)%n",
            (t1 - t0) / 1_000_000, added.applied().size(), (t2 - t1) / 1_000_000, removed.applied().size());
      } finally {
        f.app.nodeRuntimes().runtime("edge").listManaged().forEach(c -> f.app.nodeRuntimes().runtime("edge")
            .remove(c.id()));
        f.close();
        dest.close();
      }
    }
  }

  /**
   * The same for WireGuard: suspend/resume of one user on a server on the remote node (wg over docker exec: a
   * removal reads the peers and their counts, then removes, in two execs; an add is one exec), and beside it on the
   * local engine (the UAPI socket when the manager runs as root). Also one batch of 1,000 peers on the node.
   */
  @Test
  void wireguardUserChangeLatency() throws Exception {
    int rounds = Integer.getInteger("bench.rounds", 100);
    try (RemoteNode node = RemoteNode.start(DockerPeer.WIREGUARD)) {
      LiveFixture f = LiveFixture.wireguard(dir, Clock.systemUTC(), Map.of("wireguard.subnet", "10.9.0.0/21"));
      try {
        f.app.nodeService().add(Actor.cli(), "edge", node.docker, node.tlsDir, node.address);
        String remote = "wg-bn-" + f.suffix;
        f.app.serverContainers().install(Actor.cli(), "wireguard", remote, 47100 + (int) (Math.random() * 800),
            Map.of("node", "edge"));
        String local = f.install("wireguard");
        f.user("rem-w", remote, 0);
        f.user("loc-w", local, 0);
        report("wireguard, remote node (wg over docker exec, TLS), back to back", measure(f, "rem-w", rounds, 0));
        report("wireguard, local engine (UAPI socket), back to back", measure(f, "loc-w", rounds, 0));
        // a WireGuard change also rewrites wg0.conf in the container in the background: 400 ms apart, a change
        // no longer shares the engine (and this machine's two cores) with the previous change's rewrite
        report("wireguard, remote node, 400 ms apart", measure(f, "rem-w", rounds, 400));
        report("wireguard, local engine, 400 ms apart", measure(f, "loc-w", rounds, 400));

        LiveUsers live = f.app.liveUsers().get("wireguard");
        var spec = dev.vpnmanager.server.ServerSpecs.of(f.app.servers().require(remote));
        List<dev.vpnmanager.protocol.UserSpec> batch = new ArrayList<>();
        java.security.SecureRandom random = new java.security.SecureRandom();
        for (int i = 0; i < 1000; i++) {
          byte[] pub = new byte[32];
          byte[] psk = new byte[32];
          random.nextBytes(pub);
          random.nextBytes(psk);
          batch.add(new dev.vpnmanager.protocol.UserSpec("wb" + i, dev.vpnmanager.protocol.Credentials.of(
              "publicKey", java.util.Base64.getEncoder().encodeToString(pub),
              "presharedKey", java.util.Base64.getEncoder().encodeToString(psk),
              "address", "10.9." + (1 + i / 250) + "." + (1 + i % 250))));
        }
        long t0 = System.nanoTime();
        var added = live.add(spec, batch);
        long t1 = System.nanoTime();
        var removed = live.remove(spec, batch);
        long t2 = System.nanoTime();
        System.out.printf("BENCH wireguard remote batch of %d: add %d ms (%d applied), remove %d ms (%d applied)%n",
            batch.size(), (t1 - t0) / 1_000_000, added.applied().size(), (t2 - t1) / 1_000_000,
            removed.applied().size());
      } finally {
        f.app.nodeRuntimes().runtime("edge").listManaged().forEach(c -> f.app.nodeRuntimes().runtime("edge")
            .remove(c.id()));
        f.close();
      }
    }
  }

  /**
   * The same for Shadowsocks on the Xray core: suspend/resume on the remote node (a removal is one {@code rmu} exec;
   * an add asks the inbound's users first, {@code inbounduser}, then one {@code adu}: two execs) and, beside it, on
   * the local engine (gRPC on the API socket). Also one batch of 1,000 users on the node.
   */
  @Test
  void shadowsocksUserChangeLatency() throws Exception {
    int rounds = Integer.getInteger("bench.rounds", 100);
    try (RemoteNode node = RemoteNode.start(DockerPeer.XRAY)) {
      LiveFixture f = LiveFixture.xray(dir, Clock.systemUTC(), Map.of("shadowsocks.core", "xray",
          "images.shadowsocks-xray", DockerPeer.XRAY));
      try {
        f.app.nodeService().add(Actor.cli(), "edge", node.docker, node.tlsDir, node.address);
        String remote = "ss-bn-" + f.suffix;
        f.app.serverContainers().install(Actor.cli(), "shadowsocks", remote, 47100 + (int) (Math.random() * 800),
            Map.of("node", "edge"));
        String local = f.install("shadowsocks");
        f.user("rem-s", remote, 0);
        f.user("loc-s", local, 0);
        report("shadowsocks (xray core), remote node (xray api over docker exec, TLS)", measure(f, "rem-s", rounds));
        report("shadowsocks (xray core), local engine (gRPC on the API socket)", measure(f, "loc-s", rounds));

        LiveUsers live = f.app.liveUsers().get("shadowsocks");
        var spec = dev.vpnmanager.server.ServerSpecs.of(f.app.servers().require(remote));
        List<dev.vpnmanager.protocol.UserSpec> batch = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
          batch.add(new dev.vpnmanager.protocol.UserSpec("sb" + i, dev.vpnmanager.protocol.Credentials.of("password",
              java.util.UUID.randomUUID().toString())));
        }
        long t0 = System.nanoTime();
        var added = live.add(spec, batch);
        long t1 = System.nanoTime();
        var removed = live.remove(spec, batch);
        long t2 = System.nanoTime();
        System.out.printf("BENCH shadowsocks remote batch of %d: add %d ms (%d applied), remove %d ms (%d applied)%n",
            batch.size(), (t1 - t0) / 1_000_000, added.applied().size(), (t2 - t1) / 1_000_000,
            removed.applied().size());
      } finally {
        f.app.nodeRuntimes().runtime("edge").listManaged().forEach(c -> f.app.nodeRuntimes().runtime("edge")
            .remove(c.id()));
        f.close();
      }
    }
  }

  private static List<Long> measure(LiveFixture f, String user, int rounds) throws InterruptedException {
    return measure(f, user, rounds, 0);
  }

  /** Suspend and resume in turn, {@code pauseMillis} apart (not timed); the first 5 are a warm-up. */
  private static List<Long> measure(LiveFixture f, String user, int rounds, int pauseMillis)
      throws InterruptedException {
    List<Long> micros = new ArrayList<>();
    boolean startSuspended = f.app.userQueries().require(user).getStatus() != dev.vpnmanager.domain.UserStatus.ACTIVE;
    for (int i = 0; i < rounds + 5; i++) {
      Thread.sleep(pauseMillis);
      long t0 = System.nanoTime();
      if ((i % 2 == 0) != startSuspended) {
        f.app.users().suspend(Actor.cli(), user, "bench");
      } else {
        f.app.users().resume(Actor.cli(), user);
      }
      long took = (System.nanoTime() - t0) / 1000;
      if (i >= 5) {
        micros.add(took);
      }
    }
    return micros;
  }

  private static void report(String what, List<Long> micros) {
    List<Long> s = new ArrayList<>(micros);
    Collections.sort(s);
    System.out.printf("BENCH %s: n=%d p50 %.1f ms, p95 %.1f ms, max %.1f ms%n", what, s.size(),
        s.get(s.size() / 2) / 1000.0, s.get((int) Math.ceil(s.size() * 0.95) - 1) / 1000.0,
        s.get(s.size() - 1) / 1000.0);
  }

  /** The VLESS live users and a server's spec, as the app has them. */
  record VlessLiveAccess(LiveFixture f) {
    LiveUsers users() {
      return f.app.liveUsers().get("vless");
    }

    dev.vpnmanager.protocol.ServerSpec spec(String server) {
      return dev.vpnmanager.server.ServerSpecs.of(f.app.servers().require(server));
    }
  }
}
