package dev.vpnmanager.server.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.docker.ContainerState;
import dev.vpnmanager.protocol.ServerSpec;
import dev.vpnmanager.protocol.UserSpec;
import dev.vpnmanager.protocol.wireguard.WireguardDriver;
import dev.vpnmanager.server.ServerSpecs;
import dev.vpnmanager.server.ServerUsers;
import dev.vpnmanager.server.runtime.FinalCounts;
import dev.vpnmanager.server.wireguard.WgSockets;
import dev.vpnmanager.server.wireguard.WireguardCounters;
import dev.vpnmanager.server.wireguard.WireguardLive;
import dev.vpnmanager.testing.DockerPeer;
import dev.vpnmanager.user.NewUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real WireGuard server (wireguard-go) installed by {@code servers install}, real client containers using exactly
 * the .conf a user is sent, fetching a page from the tests' own non-private address through the tunnel. Every user
 * change goes the production way (UserService -> event -> LiveSync -> the server's UAPI socket) without restarting
 * the server; traffic comes through the production counter source and the traffic collector. One focused test
 * checks the live layer's own choice between the UAPI socket and {@code docker exec}.
 */
class WireguardLiveTest {
  @TempDir Path dir;
  private ContainerRuntime rt;
  private LiveFixture f;
  private WgClient a;
  private WgClient b;
  private String server;
  private String page;
  private String network;

  @BeforeEach
  void setUp() throws Exception {
    rt = DockerPeer.runtime();
    DockerPeer.requireImage(rt, DockerPeer.WIREGUARD_CLIENT);
    String suffix = HandWiredFixture.newSuffix();
    network = "vpnm-wgc-" + suffix;
    rt.ensureNetwork(network);
    a = new WgClient(rt, "client-a-" + suffix, network + "-a", DockerPeer.WIREGUARD_CLIENT, network);
    b = new WgClient(rt, "client-b-" + suffix, network + "-b", DockerPeer.WIREGUARD_CLIENT, network);
    f = LiveFixture.wireguard(dir, Clock.systemUTC(), Map.of("public-host", a.gateway()));
    server = f.install("wireguard", HandWiredFixture.freePort());
    // The tests' own non-private address on the host: outside the clients' network, so only the tunnel leads
    // there (the host's address on the Docker bridge is private, blocked by design).
    page = f.url();
  }

  @AfterEach
  void tearDown() {
    for (WgClient c : new WgClient[] {a, b}) {
      if (c != null) {
        c.remove();
      }
    }
    if (f != null) {
      f.close();
    }
    if (network != null) {
      rt.removeNetwork(network);
    }
  }

  private byte[] conf(String user) {
    return f.app.configDelivery().configFor(user).file();
  }

  private ContainerState container() {
    return rt.inspect(f.containerId(server)).orElseThrow();
  }

  private ServerSpec spec() {
    return ServerSpecs.of(f.app.servers().require(server));
  }

  private UserSpec user(String name) {
    return ServerUsers.all(f.app.database(), server).stream().filter(u -> u.username().equals(name)).findFirst()
        .orElseThrow();
  }

  /**
   * Alice's used bytes once her tunnel is quiet: the download's last ACKs may still cross the tunnel after the
   * fetch returned (seen under load: 7,872 bytes one cycle late), so cycles run until two in a row, 300 ms apart,
   * add nothing (at most 5 s).
   */
  private long settled() {
    f.app.trafficCollector().collect();
    long last = used("alice");
    for (int i = 0; i < 16; i++) {
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      f.app.trafficCollector().collect();
      long now = used("alice");
      if (now == last) {
        return now;
      }
      last = now;
    }
    return last;
  }

  private long used(String user) {
    return f.app.userQueries().require(user).getUsedBytes();
  }

  /** The server holds exactly the database's active users (its peers, read by the production reconciler). */
  private void assertInSync() {
    List<Drift> drift = f.app.reconciler().reconcile();
    assertTrue(drift.stream().allMatch(Drift::none), drift.toString());
  }

  @Test
  void usersComeAndGoLiveThroughTheProductionPathWhileOthersStayConnected() {
    f.user("alice", server, 0);
    a.up(conf("alice"));
    assertEquals(LiveFixture.HELLO, a.getWithin(page, 10));
    String serverIp = rt.exec(container().id(), List.of("hostname", "-i"), null, Duration.ofSeconds(5)).stdout()
        .strip();
    assertEquals(serverIp, f.callers.get(f.callers.size() - 1), "the page was fetched through the server (NAT)");
    ContainerState before = container();

    f.user("bob", server, 0);
    b.up(conf("bob"));
    assertEquals(LiveFixture.HELLO, b.getWithin(page, 10), "added live");
    assertEquals(LiveFixture.HELLO, a.get(page, 2), "alice's tunnel stayed up while bob was added");
    assertInSync();

    long t0 = System.nanoTime();
    f.app.users().suspend(Actor.cli(), "alice", "test");
    assertNull(a.get(page, 1), "a suspended user's traffic stops");
    assertTrue(System.nanoTime() - t0 < 3_000_000_000L);
    assertEquals(LiveFixture.HELLO, b.get(page, 2), "bob keeps working");
    assertInSync();

    f.app.users().resume(Actor.cli(), "alice");
    a.up(conf("alice"));
    assertEquals(LiveFixture.HELLO, a.getWithin(page, 10), "resumed");

    byte[] old = conf("alice");
    f.app.users().rotate(Actor.cli(), "alice");
    a.up(old);
    assertNull(a.get(page, 3), "old keys are refused after rotation");
    a.up(conf("alice"));
    assertEquals(LiveFixture.HELLO, a.getWithin(page, 10), "new keys work");

    f.app.users().delete(Actor.cli(), "bob");
    assertNull(b.get(page, 2), "a deleted user is cut off");
    assertEquals(LiveFixture.HELLO, a.get(page, 2));
    assertInSync();

    ContainerState after = container();
    assertEquals(before.startedAt(), after.startedAt(), "no container restart for any user change");
    assertEquals(before.restartCount(), after.restartCount());

    rt.restart(after.id(), Duration.ofSeconds(10));
    assertEquals(LiveFixture.HELLO, a.getWithin(page, 20), "a restart by the engine serves the database's users");
    assertInSync();
  }

  @Test
  void trafficReachesTheUsersTotalOnceThroughTheCollectorEvenAcrossARestart() {
    f.user("alice", server, 0);
    a.up(conf("alice"));
    assertEquals(LiveFixture.HELLO, a.getWithin(page, 10));
    String big = page + "?bytes=2000000";
    f.app.trafficCollector().collect();
    long start = used("alice");

    assertEquals("2000000", a.fetch(big, 20));
    long first = settled();
    assertWithin(2_000_000, first - start);
    f.app.trafficCollector().collect();
    assertEquals(first, used("alice"), "a second cycle without traffic adds nothing");

    assertEquals("2000000", a.fetch(big, 20));
    f.app.trafficCollector().collect();
    long second = used("alice");
    assertWithin(2_000_000, second - first);

    f.app.serverContainers().restart(Actor.cli(), server);
    a.up(conf("alice"));
    assertNotNull(a.getWithin(page, 10));
    assertEquals("2000000", a.fetch(big, 20));
    f.app.trafficCollector().collect();
    long third = used("alice");
    assertWithin(2_000_000, third - second);

    assertEquals("2000000", a.fetch(big, 20));
    f.app.users().suspend(Actor.cli(), "alice", "test");
    f.app.trafficCollector().collect();
    long fourth = used("alice");
    assertWithin(2_000_000, fourth - third);
    f.app.trafficCollector().collect();
    assertEquals(fourth, used("alice"), "the final count of a removed peer is counted once");
  }

  @Test
  void changesGoThroughTheControlSocketWhenItAnswersElseThroughExec() throws Exception {
    Path socket = new WgSockets(f.app.settings(), rt).socket(server);
    assertTrue(Files.exists(socket), "wireguard-go's UAPI socket shows up in the manager's data dir");
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())));
    FinalCounts finals = new FinalCounts();
    CountingRuntime counting = new CountingRuntime(rt);
    WireguardLive viaSocket = new WireguardLive(f.app.database(), finals, new WireguardDriver(),
        new WgSockets(f.app.settings(), counting));
    WireguardLive viaExec = new WireguardLive(f.app.database(), finals, new WireguardDriver(),
        new WgSockets(dir.resolve("no-sockets-here"), counting));

    f.app.users().add(Actor.cli(), new NewUser("alice", "wireguard", server, 0, null, null, null));
    long t0 = System.nanoTime();
    assertEquals(List.of("alice"), viaSocket.add(spec(), List.of(user("alice"))).applied());
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(0, counting.execs.get(), "an add over the socket runs no docker exec");
    assertTrue(ms < 1000, "an add over the socket took " + ms + " ms");
    a.up(conf("alice"));
    assertEquals(LiveFixture.HELLO, a.getWithin(page, 10), "a peer added over the socket carries traffic");
    WireguardCounters counters = new WireguardCounters(new WgSockets(f.app.settings(), counting), finals);
    var sample = counters.read(spec(), List.of(user("alice")));
    assertEquals(1, sample.size());
    assertTrue(sample.get(0).uplink() > 0 && sample.get(0).downlink() > 0, sample.toString());
    assertEquals(0, counting.execs.get(), "counters over the socket run no docker exec");

    assertEquals(List.of("alice"), viaExec.present(spec()), "the exec path sees the socket's peer");
    assertTrue(counting.execs.get() > 0, "without a socket the live path falls back to docker exec");
    f.app.users().add(Actor.cli(), new NewUser("bob", "wireguard", server, 0, null, null, null));
    assertEquals(List.of("bob"), viaExec.add(spec(), List.of(user("bob"))).applied());
    assertEquals(List.of("alice", "bob"), viaSocket.present(spec()).stream().sorted().toList());

    int execs = counting.execs.get();
    f.app.users().rotate(Actor.cli(), "bob");
    assertTrue(viaSocket.add(spec(), List.of(user("bob"))).complete());
    assertEquals(2, rt.exec(container().id(), List.of("wg", "show", "wg0", "peers"), null,
        java.time.Duration.ofSeconds(5)).stdout().lines().count(), "rotation over the socket leaves no old-key peer");
    f.app.users().suspend(Actor.cli(), "alice", "test");
    assertTrue(viaSocket.remove(spec(), List.of(user("alice"))).complete());
    assertEquals(execs, counting.execs.get(), "rotation and removal over the socket ran no docker exec");
    assertNull(a.get(page, 1), "a peer removed over the socket is cut off");
    assertEquals(List.of("bob"), viaExec.present(spec()));

    f.app.users().add(Actor.cli(), new NewUser("carol", "wireguard", server, 0, null, null, null));
    UserSpec broken = new UserSpec("mallory", user("bob").credentials().with("publicKey", "not-a-key"));
    BatchResult half = viaSocket.add(spec(), List.of(broken, user("carol")));
    assertEquals(List.of("carol"), half.applied(), "the batch says exactly who was applied");
    assertTrue(half.failed().containsKey("mallory"), half.toString());
    assertEquals(List.of("bob", "carol"), viaSocket.present(spec()).stream().sorted().toList());
  }

  /**
   * Payload plus protocol overhead (WireGuard, IP and TCP headers, the ACKs going up, retransmissions): at least
   * the payload, at most half as much again plus 100 kB; counting it twice would be far above that.
   */
  static void assertWithin(long payload, long counted) {
    assertTrue(counted >= payload && counted <= payload * 3 / 2 + 100_000, "counted " + counted
        + " bytes for a payload of " + payload);
  }
}
