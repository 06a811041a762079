package dev.vpnmanager.server.live;

import static dev.vpnmanager.server.live.LiveFixture.HELLO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.docker.ExecResult;
import dev.vpnmanager.domain.AlertRecord;
import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.server.runtime.ServerStatus;
import dev.vpnmanager.testing.DockerPeer;
import dev.vpnmanager.testing.RemoteNode;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server on a remote node: a second Docker engine with TLS in a network namespace of the test's own, reachable
 * only at its own address. Installed there through the engine's API, a real Xray client fetches a page through it
 * from the delivered config, suspend cuts live (xray api over docker exec), traffic is counted exactly as the core
 * counts it; the engine is stopped (alerted once, nothing counted is lost, other jobs run) and started again
 * (healed by reconcile, counting resumes without loss or double counting).
 */
class RemoteNodeLiveTest {
  @TempDir Path dir;
  RemoteNode node;
  RealityDest dest;
  LiveFixture f;
  WgClient client;
  String network;

  @AfterEach
  void tearDown() {
    if (client != null) {
      client.remove();
    }
    if (network != null && f != null) {
      f.rt.removeNetwork(network);
    }
    if (f != null) {
      try {
        f.app.nodeRuntimes().runtime("edge").listManaged().forEach(c -> f.app.nodeRuntimes().runtime("edge")
            .remove(c.id()));
      } catch (RuntimeException e) {
        // the node goes with its namespace below
      }
      f.close();
    }
    if (dest != null) {
      dest.close();
    }
    if (node != null) {
      node.close();
    }
  }

  @Test
  void vlessOnARemoteNodeLivesThroughAnEngineOutage() throws Exception {
    node = RemoteNode.start(DockerPeer.XRAY);
    dest = RealityDest.start(java.nio.file.Files.createDirectories(dir.resolve("node-dest")),
        InetAddress.getByName(node.hostAddress));
    f = LiveFixture.xray(dir, Clock.systemUTC(), Map.of("vless.dest", dest.address()));
    f.app.nodeService().add(Actor.cli(), "edge", node.docker, node.tlsDir, node.address);
    String server = "vless-rn-" + f.suffix;
    int port = 47100 + (int) (Math.random() * 800);
    ServerStatus installed = f.app.serverContainers().install(Actor.cli(), "vless", server, port,
        Map.of("node", "edge"));
    assertEquals("edge", installed.node());
    assertEquals(node.address, installed.host(), "clients dial the node");
    assertTrue(f.app.nodeRuntimes().runtime("local").inspect("vpn-manager-" + server).isEmpty(),
        "nothing on the manager's engine");

    f.user("alice", server, 0);
    f.user("bob", server, 0);
    int alice = f.vlessClient("alice");
    int bob = f.vlessClient("bob");
    assertEquals(HELLO, f.fetchVia(alice, ""), "through the node, from the delivered config");
    assertEquals(HELLO, f.fetchVia(bob, ""));

    f.app.users().suspend(Actor.cli(), "alice", "test");
    assertNotEquals(HELLO, f.fetchVia(alice, ""), "cut live");
    assertEquals(HELLO, f.fetchVia(bob, ""));
    f.app.users().resume(Actor.cli(), "alice");
    assertEquals(HELLO, f.fetchVia(alice, ""));

    assertEquals(300_000, f.fetchVia(alice, "?bytes=300000").length());
    f.app.trafficCollector().collect();
    long counted = f.app.userQueries().require("alice").getUsedBytes();
    assertEquals(coreTotal(server, "alice"), counted, "the database holds exactly what the core counted");
    assertTrue(counted >= 300_000);

    node.stopEngine();
    assertEquals(List.of("edge"), f.app.nodeOutages().check());
    assertEquals(List.of("edge"), f.app.nodeOutages().check());
    assertEquals(1, f.app.database().find(AlertRecord.class).where().startsWith("alertKey", "node-down:edge:")
        .findCount(), "alerted once");
    ServerStatus unknown = f.app.serverStatuses().list().stream().filter(s -> s.name().equals(server))
        .findFirst().orElseThrow();
    assertTrue(unknown.nodeDown(), unknown.summary());
    f.app.trafficCollector().collect();
    assertEquals(counted, f.app.userQueries().require("alice").getUsedBytes(), "nothing lost while down");
    f.app.users().suspend(Actor.cli(), "bob", "changed while the node was down");

    node.startEngine();
    awaitRunning(server);
    assertEquals(List.of(), f.app.nodeOutages().check(), "answers again: healed");
    assertEquals(1, f.app.database().find(AlertRecord.class).where().startsWith("alertKey", "node-up:edge:")
        .findCount());
    assertEquals(HELLO, f.fetchVia(alice, ""), "alice (added live, lost with the core) is back");
    assertNotEquals(HELLO, f.fetchVia(bob, ""), "bob's suspension reached the node");

    f.app.trafficCollector().collect();
    long before = f.app.userQueries().require("alice").getUsedBytes();
    long coreBefore = coreTotal(server, "alice");
    assertEquals(200_000, f.fetchVia(alice, "?bytes=200000").length());
    f.app.trafficCollector().collect();
    long after = f.app.userQueries().require("alice").getUsedBytes();
    assertEquals(coreTotal(server, "alice") - coreBefore, after - before, "counted again, exactly once");
    assertTrue(after >= counted + 200_000, "the bytes from before the outage stay");
  }

  /**
   * A Shadowsocks server on the remote node runs the Xray core by default (the only one whose users API docker exec
   * reaches); ss-libev there is refused before anything happens. ss-local dials the node's port from the delivered
   * config, users change live by {@code xray api adu/rmu} in the container (no restart), counters equal the core's.
   */
  @Test
  void shadowsocksOnARemoteNodeRunsTheXrayCoreAndChangesLive() throws Exception {
    node = RemoteNode.start(DockerPeer.XRAY);
    f = LiveFixture.xray(dir, Clock.systemUTC(), Map.of("images.shadowsocks-xray", DockerPeer.XRAY));
    f.app.nodeService().add(Actor.cli(), "edge", node.docker, node.tlsDir, node.address);
    String server = "ss-rn-" + f.suffix;
    int port = 47100 + (int) (Math.random() * 800);
    ContainerRuntime edge = f.app.nodeRuntimes().runtime("edge");
    for (String core : List.of("ss-libev", "v2ray")) {
      var refused = org.junit.jupiter.api.Assertions.assertThrows(dev.vpnmanager.common.InvalidInputException.class,
          () -> f.app.serverContainers().install(Actor.cli(), "shadowsocks", server, port,
              Map.of("node", "edge", "core", core)));
      assertTrue(refused.getMessage().contains("xray core only"), refused.getMessage());
      assertTrue(f.app.servers().find(server).isEmpty(), "nothing written");
      assertTrue(edge.listManaged().isEmpty(), "nothing started on the node");
    }
    ServerStatus installed = f.app.serverContainers().install(Actor.cli(), "shadowsocks", server, port,
        Map.of("node", "edge"));
    assertEquals("edge", installed.node());
    assertEquals("xray", Credentials.fromJson(f.app.servers().require(server).getSettings()).get("core"));
    assertTrue(f.rt.inspect("vpn-manager-" + server).isEmpty(), "nothing on the manager's engine");

    f.user("alice", server, 0);
    f.user("bob", server, 0);
    var conf = f.app.configDelivery().configFor("alice");
    assertTrue(conf.link().endsWith("@" + node.address + ":" + port + "#alice"), conf.link());
    try (SsLocal clients = new SsLocal(dev.vpnmanager.testing.Peers.binary("ss-local", "shadowsocks-libev"),
        dev.vpnmanager.testing.Peers.binary("curl", "curl"), dir)) {
      int alice = clients.start("alice", conf.file());
      int bob = clients.start("bob", f.app.configDelivery().configFor("bob").file());
      assertEquals(HELLO, f.fetchVia(alice, ""), "through the node, from the delivered config");
      assertEquals(HELLO, f.fetchVia(bob, ""));
      var before = edge.inspect("vpn-manager-" + server).orElseThrow();

      f.app.users().suspend(Actor.cli(), "alice", "test");
      assertNotEquals(HELLO, f.fetchVia(alice, ""), "cut live");
      assertEquals(HELLO, f.fetchVia(bob, ""));
      f.app.users().resume(Actor.cli(), "alice");
      assertEquals(HELLO, f.fetchVia(alice, ""), "back live");
      assertEquals(before.startedAt(), edge.inspect("vpn-manager-" + server).orElseThrow().startedAt(),
          "no container restart for any user change");
      assertTrue(f.app.reconciler().reconcile().stream().allMatch(Drift::none), "the node holds the database's users");

      f.app.trafficCollector().collect();
      long start = f.app.userQueries().require("alice").getUsedBytes();
      long coreStart = coreTotal(server, "alice");
      assertEquals(300_000, clients.fetch(alice, f.url() + "?bytes=300000", 10));
      f.app.trafficCollector().collect();
      long counted = f.app.userQueries().require("alice").getUsedBytes() - start;
      assertEquals(coreTotal(server, "alice") - coreStart, counted, "exactly what the core counted");
      assertTrue(counted >= 300_000, "counted " + counted);
    }
  }

  /**
   * A WireGuard server on the remote node: its config copied into the container through the engine's API, its wall
   * and NAT up inside it, peers added and removed live by {@code wg} over docker exec (no restart), a real WireGuard
   * client container using the delivered .conf, traffic counted exactly as the server's wg0 counts it.
   */
  @Test
  void wireguardOnARemoteNodeChangesLiveAndCountsExactly() throws Exception {
    node = RemoteNode.start(DockerPeer.WIREGUARD);
    f = LiveFixture.wireguard(dir, Clock.systemUTC(), Map.of());
    ContainerRuntime local = f.rt;
    network = "vpnm-rwg-" + f.suffix;
    local.ensureNetwork(network);
    client = new WgClient(local, "client-rwg-" + f.suffix, network + "-a", DockerPeer.WIREGUARD_CLIENT, network);
    f.app.nodeService().add(Actor.cli(), "edge", node.docker, node.tlsDir, node.address);
    String server = "wg-rn-" + f.suffix;
    int port = 47100 + (int) (Math.random() * 800);
    ServerStatus installed = f.app.serverContainers().install(Actor.cli(), "wireguard", server, port,
        Map.of("node", "edge"));
    assertEquals("edge", installed.node());
    assertEquals(node.address, installed.host(), "clients dial the node");
    assertTrue(local.inspect("vpn-manager-" + server).isEmpty(), "nothing on the manager's engine");
    ContainerRuntime edge = f.app.nodeRuntimes().runtime("edge");
    String rule = "-A INPUT -p udp -m udp --dport " + port + " -m comment --comment vpn-manager -j ACCEPT";
    assertTrue(node.inputRules().contains(rule), "the node's firewall opens the port: " + node.inputRules());
    assertTrue(f.app.serverFirewall().note(server).orElseThrow().startsWith("opened " + port + "/udp"),
        f.app.serverFirewall().note(server).toString());
    var doctor = f.app.nodeChecks().run(f.app.serverStatuses()::transports).stream()
        .filter(x -> x.name().equals("node edge firewall")).findFirst().orElseThrow();
    assertEquals("ok", doctor.level(), doctor.detail());
    node.iptables("-D", "INPUT", "-p", "udp", "--dport", Integer.toString(port), "-m", "comment", "--comment",
        "vpn-manager", "-j", "ACCEPT");
    var missing = f.app.nodeChecks().run(f.app.serverStatuses()::transports).stream()
        .filter(x -> x.name().equals("node edge firewall")).findFirst().orElseThrow();
    assertEquals("warn", missing.level());
    assertTrue(missing.detail().startsWith("not opened by the manager: " + port + "/udp"), missing.detail());
    assertTrue(edge.listManaged().stream().noneMatch(c -> c.name().contains("firewall")), "the helper is gone");
    String forward = edge.exec("vpn-manager-" + server, List.of("iptables", "-S", "FORWARD"), null,
        Duration.ofSeconds(10)).stdout();
    assertTrue(forward.contains("-A FORWARD -i wg0 -o wg0 -j DROP"), "the wall is up inside the container: "
        + forward);

    f.user("alice", server, 0);
    f.user("bob", server, 0);
    String conf = new String(f.app.configDelivery().configFor("alice").file(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(conf.contains("Endpoint = " + node.address + ":" + port), conf);
    client.up(f.app.configDelivery().configFor("alice").file());
    String page = f.url();
    assertEquals(HELLO, client.getWithin(page, 15), "through the node, from the delivered .conf");
    var before = edge.inspect("vpn-manager-" + server).orElseThrow();

    f.app.users().suspend(Actor.cli(), "alice", "test");
    assertEquals(null, client.get(page, 2), "cut live");
    assertEquals(1, peers(server), "bob stays");
    f.app.users().resume(Actor.cli(), "alice");
    client.up(f.app.configDelivery().configFor("alice").file());
    assertEquals(HELLO, client.getWithin(page, 15), "back live");
    var after = edge.inspect("vpn-manager-" + server).orElseThrow();
    assertEquals(before.startedAt(), after.startedAt(), "no container restart for any user change");
    assertTrue(f.app.reconciler().reconcile().stream().allMatch(Drift::none), "the node holds the database's users");

    // wg0's count read just before and just after each collect: a keepalive may land between two reads, so the
    // collector's reading is bracketed, and it is exact when the brackets agree (the usual case)
    long[] s0 = new long[2];
    long start = collectBetween(server, s0);
    assertEquals("2000000", client.fetch(page + "?bytes=2000000", 20));
    long[] s1 = new long[2];
    long counted = collectBetween(server, s1);
    long added = counted - start;
    assertTrue(added >= s1[0] - s0[1] && added <= s1[1] - s0[0], "the database adds what wg0 counted: " + added
        + " within [" + (s1[0] - s0[1]) + ", " + (s1[1] - s0[0]) + "]");
    assertTrue(added >= 2_000_000, "counted " + added);
    f.app.trafficCollector().collect();
    assertEquals(counted, f.app.userQueries().require("alice").getUsedBytes(), "counted once");

    // a restart by the node's engine serves the database's users: the config file was refreshed in the container
    edge.restart(after.id(), Duration.ofSeconds(10));
    awaitRunning(server);
    assertEquals(2, peers(server), "both peers from the refreshed wg0.conf");

    // a new container (servers restart rebuilds it): the live path finds it instead of the one it remembered
    f.app.serverContainers().restart(Actor.cli(), server);
    assertNotEquals(after.id(), edge.inspect("vpn-manager-" + server).orElseThrow().id());
    f.app.users().suspend(Actor.cli(), "bob", "test");
    assertEquals(1, peers(server), "a change after the rebuild reaches the new container");

    f.app.serverContainers().remove(Actor.cli(), server);
    assertTrue(!node.inputRules().contains(rule), "removing the server closes the port on the node");
  }

  /** Runs the traffic collector between two readings of wg0's count for alice; returns alice's total after. */
  private long collectBetween(String server, long[] core) {
    core[0] = wgTotal(server, "alice");
    f.app.trafficCollector().collect();
    core[1] = wgTotal(server, "alice");
    return f.app.userQueries().require("alice").getUsedBytes();
  }

  private long peers(String server) {
    return f.app.nodeRuntimes().runtime("edge").exec("vpn-manager-" + server, List.of("wg", "show", "wg0", "peers"),
        null, Duration.ofSeconds(10)).stdout().lines().filter(l -> !l.isBlank()).count();
  }

  /** The user's received + sent bytes as wg0 on the node counts them ({@code wg show wg0 transfer}). */
  private long wgTotal(String server, String user) {
    String key = Credentials.fromJson(f.app.userQueries().require(user).getCredentials()).get("publicKey");
    String out = f.app.nodeRuntimes().runtime("edge").exec("vpn-manager-" + server, List.of("wg", "show", "wg0",
        "transfer"), null, Duration.ofSeconds(10)).stdout();
    return out.lines().map(l -> l.split("\t")).filter(p -> p[0].equals(key))
        .mapToLong(p -> Long.parseLong(p[1]) + Long.parseLong(p[2])).sum();
  }

  /** alice's uplink + downlink as the core itself reports them (xray api statsquery in the container). */
  private long coreTotal(String server, String user) {
    ContainerRuntime rt = f.app.nodeRuntimes().runtime("edge");
    String api = Credentials.fromJson(f.app.servers().require(server).getSettings()).get("apiPort");
    ExecResult r = rt.exec("vpn-manager-" + server, List.of("xray", "api", "statsquery",
        "--server=127.0.0.1:" + api, "-pattern", "user>>>" + user + ">>>"), null, Duration.ofSeconds(10));
    long sum = 0;
    Matcher m = Pattern.compile("\"value\":\\s*(\\d+)").matcher(r.stdout());
    while (m.find()) {
      sum += Long.parseLong(m.group(1));
    }
    return sum;
  }

  private void awaitRunning(String server) throws InterruptedException {
    ContainerRuntime rt = f.app.nodeRuntimes().runtime("edge");
    for (int i = 0; i < 120; i++) {
      var c = rt.inspect("vpn-manager-" + server);
      if (c.isPresent() && c.get().running() && "healthy".equals(c.get().health())) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("the server did not come back on the node");
  }
}
