package dev.vpnmanager.server.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.docker.ContainerState;
import dev.vpnmanager.protocol.ServerSpec;
import dev.vpnmanager.protocol.UserSpec;
import dev.vpnmanager.server.runtime.FinalCounts;
import dev.vpnmanager.protocol.shadowsocks.ShadowsocksDriver;
import dev.vpnmanager.server.shadowsocks.ShadowsocksCounters;
import dev.vpnmanager.server.shadowsocks.ShadowsocksLive;
import dev.vpnmanager.testing.DockerPeer;
import dev.vpnmanager.testing.Peers;
import dev.vpnmanager.testing.TestNet;
import dev.vpnmanager.traffic.CounterSource;
import dev.vpnmanager.user.NewUser;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real ss-libev server installed by {@code servers install}, real {@code ss-local} clients on the host using
 * exactly the config {@code users config --format conf} prints, users added and removed live through ss-manager
 * without restarting the server, and traffic from ss-manager's stats into the user's total.
 */
class ShadowsocksLiveTest {
  private static final long N = 2_000_000;
  @TempDir Path dir;
  private ContainerRuntime rt;
  private HandWiredFixture fx;
  private SsLocal clients;
  private String server;
  private ShadowsocksCounters counters;
  private ShadowsocksLive live;
  private String page;
  private String big;
  private int apiPort;

  @BeforeEach
  void setUp() throws Exception {
    rt = DockerPeer.runtime();
    DockerPeer.requireImage(rt, DockerPeer.SHADOWSOCKS);
    clients = new SsLocal(Peers.binary("ss-local", "shadowsocks-libev"), Peers.binary("curl", "curl"), dir);
    String suffix = HandWiredFixture.newSuffix();
    server = "ss-" + suffix;
    apiPort = HandWiredFixture.freePort(41000);
    fx = new HandWiredFixture(dir, suffix, Map.of("images.shadowsocks", DockerPeer.SHADOWSOCKS, "public-host",
        "127.0.0.1", "shadowsocks.api-port", Integer.toString(apiPort)));
    page = "http://" + TestNet.address() + ":" + fx.webPort() + "/hello";
    big = "http://" + TestNet.address() + ":" + fx.webPort() + "/bytes/" + N;
    FinalCounts finals = new FinalCounts();
    counters = new ShadowsocksCounters(rt, finals);
    live = new ShadowsocksLive(rt, fx.app.database(), finals, new ShadowsocksDriver());
    // Host networking: the users' ports (the server's and the ones above it) must be free on the host.
    fx.app.serverContainers().install(Actor.cli(), "shadowsocks", server, HandWiredFixture.freeBlock(46000, 10));
  }

  @AfterEach
  void tearDown() {
    if (clients != null) {
      clients.close();
    }
    if (fx != null) {
      fx.close();
    }
  }

  private int connect(String user) throws Exception {
    return clients.start(user, fx.app.configDelivery().configFor(user).file());
  }

  private void addUser(String name) {
    fx.app.users().add(Actor.cli(), new NewUser(name, "shadowsocks", server, 0, null, null, null));
    BatchResult r = live.add(spec(), List.of(fx.user(server, name)));
    assertEquals(List.of(name), r.applied(), r.failed().toString());
  }

  private ServerSpec spec() {
    return fx.spec(server);
  }

  private ContainerState container() {
    return rt.inspect("vpn-manager-" + server).orElseThrow();
  }

  @Test
  void usersComeAndGoLiveWithoutARestart() throws Exception {
    addUser("alice");
    int a = connect("alice");
    assertEquals(5, clients.fetch(a, page, 5));
    Instant started = container().startedAt();

    addUser("bob");
    int b = connect("bob");
    assertEquals(5, clients.fetch(b, page, 5));
    assertEquals(List.of("alice", "bob"), live.present(spec()));

    fx.app.users().suspend(Actor.cli(), "alice", "test");
    assertTrue(live.remove(spec(), List.of(fx.user(server, "alice"))).complete());
    assertEquals(-1, clients.fetch(a, page, 2), "a removed user's new connection fails within 2 s");
    assertEquals(5, clients.fetch(b, page, 5), "bob keeps working");
    assertEquals(List.of("bob"), live.present(spec()));

    fx.app.users().resume(Actor.cli(), "alice");
    assertTrue(live.add(spec(), List.of(fx.user(server, "alice"))).complete());
    assertEquals(5, clients.fetch(a, page, 5), "resumed");
    assertTrue(live.add(spec(), List.of(fx.user(server, "alice"))).complete(), "present already counts as applied");

    fx.app.users().rotate(Actor.cli(), "alice");
    assertTrue(live.add(spec(), List.of(fx.user(server, "alice"))).complete());
    assertEquals(-1, clients.fetch(a, page, 2), "the old password is refused after rotation");
    assertEquals(5, clients.fetch(connect("alice"), page, 5), "the new config works");

    UserSpec intruder = new UserSpec("intruder", fx.user(server, "bob").credentials()
        .with("port", Integer.toString(apiPort)));
    BatchResult refused = live.add(spec(), List.of(intruder));
    assertEquals(List.of(), refused.applied());
    assertTrue(refused.failed().get("intruder").contains("ss-manager's own"), refused.toString());
    assertEquals(5, clients.fetch(b, page, 5), "the API still works and bob with it");
    assertEquals(List.of("alice", "bob"), live.present(spec()));

    fx.app.users().add(Actor.cli(), new NewUser("carol", "shadowsocks", server, 0, null, null, null));
    fx.app.users().add(Actor.cli(), new NewUser("dave", "shadowsocks", server, 0, null, null, null));
    UserSpec carol = fx.user(server, "carol");
    try (ServerSocket taken = new ServerSocket(Integer.parseInt(carol.require("port")))) {
      BatchResult half = live.add(spec(), List.of(carol, fx.user(server, "dave")));
      assertEquals(List.of("dave"), half.applied(), "the batch says exactly who was applied");
      assertTrue(half.failed().get("carol").contains("not available"), half.toString());
    }
    assertEquals(List.of("alice", "bob", "dave"), live.present(spec()));

    assertEquals(started, container().startedAt(), "no container restart for any user change");
    assertEquals(0, container().restartCount());

    rt.restart(container().id(), java.time.Duration.ofSeconds(10));
    List<String> all = List.of("alice", "bob", "carol", "dave");
    assertEquals(all, HandWiredFixture.eventually(() -> live.present(spec()), all),
        "a restart by the engine serves the database's users (carol's port is free again)");
    assertEquals(5, clients.fetch(b, page, 5));
  }

  @Test
  void trafficReachesTheUsersTotalOnceEvenAcrossARestart() throws Exception {
    addUser("alice");
    int a = connect("alice");
    CounterSource source = fx.source(server, counters);

    assertEquals(N, clients.fetch(a, big, 20));
    awaitCounted("alice", N);
    fx.collector.collect(List.of(source));
    long first = fx.used("alice");
    WireguardLiveTest.assertWithin(N, first);
    fx.collector.collect(List.of(source));
    assertEquals(first, fx.used("alice"), "a second cycle without traffic adds nothing");

    assertEquals(N, clients.fetch(a, big, 20));
    awaitCounted("alice", 2 * N);
    fx.collector.collect(List.of(source));
    long second = fx.used("alice");
    WireguardLiveTest.assertWithin(N, second - first);

    fx.app.serverContainers().restart(Actor.cli(), server);
    assertEquals(N, clients.fetch(a, big, 20));
    awaitCounted("alice", N);
    fx.collector.collect(List.of(source));
    long third = fx.used("alice");
    WireguardLiveTest.assertWithin(N, third - second);

    assertEquals(N, clients.fetch(a, big, 20));
    awaitCounted("alice", 2 * N);
    fx.app.users().suspend(Actor.cli(), "alice", "test");
    assertTrue(live.remove(spec(), List.of(fx.user(server, "alice"))).complete());
    fx.collector.collect(List.of(source));
    long fourth = fx.used("alice");
    WireguardLiveTest.assertWithin(N, fourth - third);
    fx.collector.collect(List.of(source));
    assertEquals(fourth, fx.used("alice"), "the final count of a removed user is counted once");
  }

  /** ss-server reports its count to ss-manager every few seconds: waits until the user's count reaches bytes. */
  private void awaitCounted(String user, long bytes) {
    long deadline = System.nanoTime() + 20_000_000_000L;
    long seen = 0;
    while (System.nanoTime() < deadline) {
      seen = counters.read(spec(), List.of(fx.user(server, user))).stream().mapToLong(TrafficSample::total)
          .sum();
      if (seen >= bytes) {
        return;
      }
      HandWiredFixture.sleep(250);
    }
    throw new AssertionError("ss-manager counted " + seen + " bytes for " + user + ", expected " + bytes);
  }
}
