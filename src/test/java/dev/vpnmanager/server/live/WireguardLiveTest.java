package dev.vpnmanager.server.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.docker.ContainerState;
import dev.vpnmanager.protocol.UserSpec;
import dev.vpnmanager.server.runtime.FinalCounts;
import dev.vpnmanager.protocol.wireguard.WireguardDriver;
import dev.vpnmanager.server.wireguard.WireguardCounters;
import dev.vpnmanager.server.wireguard.WireguardLive;
import dev.vpnmanager.server.wireguard.WgSockets;
import dev.vpnmanager.testing.DockerPeer;
import dev.vpnmanager.testing.TestNet;
import dev.vpnmanager.user.NewUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real WireGuard server installed by {@code servers install}, real client containers using exactly the .conf
 * a user is sent, live peer changes through {@link WireguardLive} without restarting the server, and traffic
 * read through {@link WireguardCounters} into the user's total.
 */
class WireguardLiveTest {
  @TempDir Path dir;
  private ContainerRuntime rt;
  private HandWiredFixture fx;
  private WgClient a;
  private WgClient b;
  private String server;
  private WireguardLive live;
  private String page;
  private String network;
  private FinalCounts finals;

  @BeforeEach
  void setUp() throws Exception {
    rt = DockerPeer.runtime();
    DockerPeer.requireImage(rt, DockerPeer.WIREGUARD);
    DockerPeer.requireImage(rt, DockerPeer.WIREGUARD_CLIENT);
    String suffix = HandWiredFixture.newSuffix();
    server = "wg-" + suffix;
    network = "vpnm-wgc-" + suffix;
    rt.ensureNetwork(network);
    a = new WgClient(rt, "client-a-" + suffix, network + "-a", DockerPeer.WIREGUARD_CLIENT, network);
    b = new WgClient(rt, "client-b-" + suffix, network + "-b", DockerPeer.WIREGUARD_CLIENT, network);
    fx = new HandWiredFixture(dir, suffix, Map.of("images.wireguard", DockerPeer.WIREGUARD, "public-host", a.gateway()));
    finals = new FinalCounts();
    live = new WireguardLive(rt, fx.app.database(), finals, new WireguardDriver(),
        new WgSockets(fx.app.settings(), rt));
    fx.app.serverContainers().install(Actor.cli(), "wireguard", server, HandWiredFixture.freePort());
    // The tests' own non-private address on the host: outside the clients' network, so only the tunnel leads
    // there (the host's address on the Docker bridge is private, blocked by design).
    page = "http://" + TestNet.address() + ":" + fx.webPort() + "/hello";
  }

  @AfterEach
  void tearDown() {
    for (WgClient c : new WgClient[] {a, b}) {
      if (c != null) {
        c.remove();
      }
    }
    if (fx != null) {
      fx.close();
    }
    if (network != null) {
      rt.removeNetwork(network);
    }
  }

  private byte[] conf(String user) {
    return fx.app.configDelivery().configFor(user).file();
  }

  private void addUser(String name) {
    fx.app.users().add(Actor.cli(), new NewUser(name, "wireguard", server, 0, null, null, null));
    BatchResult r = live.add(fx.spec(server), List.of(fx.user(server, name)));
    assertEquals(List.of(name), r.applied(), r.failed().toString());
  }

  private ContainerState container() {
    return rt.inspect("vpn-manager-" + server).orElseThrow();
  }

  @Test
  void usersComeAndGoLiveWhileOthersStayConnected() {
    addUser("alice");
    a.up(conf("alice"));
    assertEquals("hello", a.getWithin(page, 10));
    String serverIp = fx.app.containerRuntime().exec(container().id(), List.of("hostname", "-i"), null,
        java.time.Duration.ofSeconds(5)).stdout().strip();
    assertEquals(serverIp, fx.callers.get(fx.callers.size() - 1), "the page was fetched through the server (NAT)");
    Instant started = container().startedAt();

    addUser("bob");
    b.up(conf("bob"));
    assertEquals("hello", b.getWithin(page, 10));
    assertEquals("hello", a.get(page, 2), "alice's tunnel stayed up while bob was added");
    assertEquals(List.of("alice", "bob"), live.present(fx.spec(server)).stream().sorted().toList());

    fx.app.users().suspend(Actor.cli(), "alice", "test");
    long t0 = System.nanoTime();
    assertTrue(live.remove(fx.spec(server), List.of(fx.user(server, "alice"))).complete());
    assertNull(a.get(page, 1), "a suspended user's traffic stops");
    assertTrue(System.nanoTime() - t0 < 3_000_000_000L);
    assertEquals("hello", b.get(page, 2), "bob keeps working");
    assertEquals(List.of("bob"), live.present(fx.spec(server)));

    fx.app.users().resume(Actor.cli(), "alice");
    assertTrue(live.add(fx.spec(server), List.of(fx.user(server, "alice"))).complete());
    a.up(conf("alice"));
    assertEquals("hello", a.getWithin(page, 10), "resumed");

    byte[] old = conf("alice");
    fx.app.users().rotate(Actor.cli(), "alice");
    assertTrue(live.add(fx.spec(server), List.of(fx.user(server, "alice"))).complete());
    a.up(old);
    assertNull(a.get(page, 3), "old keys are refused after rotation");
    a.up(conf("alice"));
    assertEquals("hello", a.getWithin(page, 10), "new keys work");
    assertEquals(List.of("alice", "bob"), live.present(fx.spec(server)).stream().sorted().toList());

    fx.app.users().add(Actor.cli(), new NewUser("carol", "wireguard", server, 0, null, null, null));
    UserSpec broken = new UserSpec("mallory", fx.user(server, "bob").credentials().with("publicKey", "not-a-key"));
    BatchResult half = live.add(fx.spec(server), List.of(broken, fx.user(server, "carol")));
    assertEquals(List.of("carol"), half.applied(), "the batch says exactly who was applied");
    assertTrue(half.failed().containsKey("mallory"), half.toString());
    assertEquals(List.of("alice", "bob", "carol"), live.present(fx.spec(server)).stream().sorted().toList());

    assertEquals(started, container().startedAt(), "no container restart for any user change");
    assertEquals(0, container().restartCount());

    rt.restart(container().id(), java.time.Duration.ofSeconds(10));
    assertEquals(List.of("alice", "bob", "carol"), HandWiredFixture.eventually(() -> live.present(fx.spec(server))
        .stream().sorted().toList(), List.of("alice", "bob", "carol")),
        "a restart by the engine serves the database's users");
  }

  @Test
  void trafficReachesTheUsersTotalOnceEvenAcrossARestart() {
    WireguardCounters counters = new WireguardCounters(new WgSockets(fx.app.settings(), rt), finals);
    addUser("alice");
    a.up(conf("alice"));
    assertEquals("hello", a.getWithin(page, 10));
    String big = page.replace("/hello", "/bytes/2000000");
    var source = fx.source(server, counters);

    assertEquals("2000000", a.fetch(big, 20));
    fx.collector.collect(List.of(source));
    long first = fx.used("alice");
    assertWithin(2_000_000, first);
    fx.collector.collect(List.of(source));
    assertEquals(first, fx.used("alice"), "a second cycle without traffic adds nothing");

    assertEquals("2000000", a.fetch(big, 20));
    fx.collector.collect(List.of(source));
    long second = fx.used("alice");
    assertWithin(2_000_000, second - first);

    fx.app.serverContainers().restart(Actor.cli(), server);
    a.up(conf("alice"));
    assertNotNull(a.getWithin(page, 10));
    assertEquals("2000000", a.fetch(big, 20));
    fx.collector.collect(List.of(source));
    long third = fx.used("alice");
    assertWithin(2_000_000, third - second);

    assertEquals("2000000", a.fetch(big, 20));
    fx.app.users().suspend(Actor.cli(), "alice", "test");
    assertTrue(live.remove(fx.spec(server), List.of(fx.user(server, "alice"))).complete());
    fx.collector.collect(List.of(source));
    long fourth = fx.used("alice");
    assertWithin(2_000_000, fourth - third);
    fx.collector.collect(List.of(source));
    assertEquals(fourth, fx.used("alice"), "the final count of a removed peer is counted once");
  }

  @Test
  void changesGoThroughTheControlSocketWhenItAnswersElseThroughExec() throws Exception {
    Path socket = new WgSockets(fx.app.settings(), rt).socket(server);
    assertTrue(Files.exists(socket), "wireguard-go's UAPI socket shows up in the manager's data dir");
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())));
    CountingRuntime counting = new CountingRuntime(rt);
    WireguardLive viaSocket = new WireguardLive(counting, fx.app.database(), finals, new WireguardDriver(),
        new WgSockets(fx.app.settings(), counting));
    WireguardLive viaExec = new WireguardLive(counting, fx.app.database(), finals, new WireguardDriver(),
        new WgSockets(dir.resolve("no-sockets-here"), counting));

    fx.app.users().add(Actor.cli(), new NewUser("alice", "wireguard", server, 0, null, null, null));
    long t0 = System.nanoTime();
    assertEquals(List.of("alice"), viaSocket.add(fx.spec(server), List.of(fx.user(server, "alice"))).applied());
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(0, counting.execs.get(), "an add over the socket runs no docker exec");
    assertTrue(ms < 1000, "an add over the socket took " + ms + " ms");
    a.up(conf("alice"));
    assertEquals("hello", a.getWithin(page, 10), "a peer added over the socket carries traffic");
    WireguardCounters counters = new WireguardCounters(new WgSockets(fx.app.settings(), counting), finals);
    var sample = counters.read(fx.spec(server), List.of(fx.user(server, "alice")));
    assertEquals(1, sample.size());
    assertTrue(sample.get(0).uplink() > 0 && sample.get(0).downlink() > 0, sample.toString());
    assertEquals(0, counting.execs.get(), "counters over the socket run no docker exec");

    assertEquals(List.of("alice"), viaExec.present(fx.spec(server)), "the exec path sees the socket's peer");
    assertTrue(counting.execs.get() > 0, "without a socket the live path falls back to docker exec");
    fx.app.users().add(Actor.cli(), new NewUser("bob", "wireguard", server, 0, null, null, null));
    assertEquals(List.of("bob"), viaExec.add(fx.spec(server), List.of(fx.user(server, "bob"))).applied());
    assertEquals(List.of("alice", "bob"), viaSocket.present(fx.spec(server)).stream().sorted().toList());

    int execs = counting.execs.get();
    fx.app.users().rotate(Actor.cli(), "bob");
    assertTrue(viaSocket.add(fx.spec(server), List.of(fx.user(server, "bob"))).complete());
    assertEquals(2, rt.exec(container().id(), List.of("wg", "show", "wg0", "peers"), null,
        java.time.Duration.ofSeconds(5)).stdout().lines().count(), "rotation over the socket leaves no old-key peer");
    fx.app.users().suspend(Actor.cli(), "alice", "test");
    assertTrue(viaSocket.remove(fx.spec(server), List.of(fx.user(server, "alice"))).complete());
    assertEquals(execs, counting.execs.get(), "rotation and removal over the socket ran no docker exec");
    assertNull(a.get(page, 1), "a peer removed over the socket is cut off");
    assertEquals(List.of("bob"), viaExec.present(fx.spec(server)));
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
