package dev.vpnmanager.server.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.docker.ContainerState;
import dev.vpnmanager.protocol.ServerSpec;
import dev.vpnmanager.protocol.UserSpec;
import dev.vpnmanager.protocol.shadowsocks.ShadowsocksDriver;
import dev.vpnmanager.server.ServerSpecs;
import dev.vpnmanager.server.ServerUsers;
import dev.vpnmanager.server.runtime.FinalCounts;
import dev.vpnmanager.server.shadowsocks.ShadowsocksLive;
import dev.vpnmanager.testing.Peers;
import dev.vpnmanager.user.NewUser;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real ss-libev server (ss-manager) installed by {@code servers install}, real {@code ss-local} clients on the
 * host using exactly the config {@code users config --format conf} prints, fetching a page from the tests' own
 * non-private address. Every user change goes the production way (UserService -> event -> LiveSync ->
 * ss-manager's API) without restarting the server; traffic comes from ss-manager's stats through the traffic
 * collector into the user's total.
 */
class ShadowsocksLiveTest {
  private static final long N = 2_000_000;
  private static final long PAGE = LiveFixture.HELLO.length();
  @TempDir Path dir;
  private LiveFixture f;
  private SsLocal clients;
  private String server;
  private int apiPort;
  private String page;
  private String big;

  @BeforeEach
  void setUp() throws Exception {
    apiPort = HandWiredFixture.freePort(41000);
    f = LiveFixture.shadowsocks(dir, Clock.systemUTC(), Map.of("shadowsocks.api-port", Integer.toString(apiPort)));
    clients = new SsLocal(Peers.binary("ss-local", "shadowsocks-libev"), f.curl, dir);
    // Host networking: the users' ports (the server's and the ones above it) must be free on the host.
    server = f.install("shadowsocks", HandWiredFixture.freeBlock(46000, 10));
    page = f.url();
    big = f.url() + "?bytes=" + N;
  }

  @AfterEach
  void tearDown() {
    if (clients != null) {
      clients.close();
    }
    if (f != null) {
      f.close();
    }
  }

  private int connect(String user) throws Exception {
    return clients.start(user, f.app.configDelivery().configFor(user).file());
  }

  private ContainerState container() {
    return f.rt.inspect(f.containerId(server)).orElseThrow();
  }

  /** The server holds exactly the database's active users (read from ss-manager by the production reconciler). */
  private void assertInSync() {
    List<Drift> drift = f.app.reconciler().reconcile();
    assertTrue(drift.stream().allMatch(Drift::none), drift.toString());
  }

  private long used(String user) {
    return f.app.userQueries().require(user).getUsedBytes();
  }

  @Test
  void usersComeAndGoLiveThroughTheProductionPathWithoutARestart() throws Exception {
    f.user("alice", server, 0);
    int a = connect("alice");
    assertEquals(PAGE, clients.fetch(a, page, 5));
    ContainerState before = container();

    f.user("bob", server, 0);
    int b = connect("bob");
    assertEquals(PAGE, clients.fetch(b, page, 5), "added live");
    assertInSync();

    f.app.users().suspend(Actor.cli(), "alice", "test");
    assertEquals(-1, clients.fetch(a, page, 2), "a suspended user's new connection fails within 2 s");
    assertEquals(PAGE, clients.fetch(b, page, 5), "bob keeps working");
    assertInSync();

    f.app.users().resume(Actor.cli(), "alice");
    assertEquals(PAGE, clients.fetch(a, page, 5), "resumed");

    f.app.users().rotate(Actor.cli(), "alice");
    assertEquals(-1, clients.fetch(a, page, 2), "the old password is refused after rotation");
    int a2 = connect("alice");
    assertEquals(PAGE, clients.fetch(a2, page, 5), "the new config works");

    f.app.users().delete(Actor.cli(), "bob");
    assertEquals(-1, clients.fetch(b, page, 2), "a deleted user is cut off");
    assertEquals(PAGE, clients.fetch(a2, page, 5));
    assertInSync();

    ContainerState after = container();
    assertEquals(before.startedAt(), after.startedAt(), "no container restart for any user change");
    assertEquals(before.restartCount(), after.restartCount());

    f.rt.restart(after.id(), Duration.ofSeconds(10));
    assertEquals(PAGE, HandWiredFixture.eventually(() -> clients.fetch(a2, page, 2), PAGE),
        "a restart by the engine serves the database's users, with alice's new password");
    assertInSync();
  }

  @Test
  void trafficReachesTheUsersTotalOnceThroughTheCollectorEvenAcrossARestart() throws Exception {
    f.user("alice", server, 0);
    int a = connect("alice");

    assertEquals(N, clients.fetch(a, big, 20));
    long first = collectUntil("alice", N);
    WireguardLiveTest.assertWithin(N, first);
    f.app.trafficCollector().collect();
    assertEquals(first, used("alice"), "a second cycle without traffic adds nothing");

    assertEquals(N, clients.fetch(a, big, 20));
    long second = collectUntil("alice", first + N);
    WireguardLiveTest.assertWithin(N, second - first);

    f.app.serverContainers().restart(Actor.cli(), server);
    assertEquals(N, HandWiredFixture.eventually(() -> clients.fetch(a, big, 20), N));
    long third = collectUntil("alice", second + N);
    WireguardLiveTest.assertWithin(N, third - second);

    assertEquals(N, clients.fetch(a, big, 20));
    // ss-server reports to ss-manager every 5 s: what it had not reported when the port is removed is lost
    Thread.sleep(6_000);
    f.app.users().suspend(Actor.cli(), "alice", "test");
    f.app.trafficCollector().collect();
    long fourth = used("alice");
    WireguardLiveTest.assertWithin(N, fourth - third);
    f.app.trafficCollector().collect();
    assertEquals(fourth, used("alice"), "the final count of a removed user is counted once");
  }

  /** Runs collector cycles until the user's total reaches {@code bytes} (ss-manager's stats lag up to 5 s). */
  private long collectUntil(String user, long bytes) {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (System.nanoTime() < deadline) {
      f.app.trafficCollector().collect();
      if (used(user) >= bytes) {
        return used(user);
      }
      HandWiredFixture.sleep(500);
    }
    throw new AssertionError("the collector counted " + used(user) + " bytes for " + user + ", expected " + bytes);
  }

  /**
   * Live-layer details no user change through the service can reach, checked on the layer itself: a batch says
   * exactly who was applied when one user's port is taken on the host, and a user on ss-manager's own port is
   * refused (ss-manager would answer "ok" and break its API).
   */
  @Test
  void theLiveLayerReportsHalfAppliedBatchesAndRefusesSsManagersOwnPort() throws Exception {
    ShadowsocksLive live = new ShadowsocksLive(f.rt, f.app.database(), new FinalCounts(), new ShadowsocksDriver());
    ServerSpec spec = ServerSpecs.of(f.app.servers().require(server));
    f.user("bob", server, 0);
    int b = connect("bob");
    assertEquals(PAGE, clients.fetch(b, page, 5));

    UserSpec intruder = new UserSpec("intruder", user("bob").credentials().with("port", Integer.toString(apiPort)));
    BatchResult refused = live.add(spec, List.of(intruder));
    assertEquals(List.of(), refused.applied());
    assertTrue(refused.failed().get("intruder").contains("ss-manager's own"), refused.toString());
    assertEquals(PAGE, clients.fetch(b, page, 5), "the API still works and bob with it");

    f.user("carol", server, 0);
    f.user("dave", server, 0);
    live.remove(spec, List.of(user("carol"), user("dave")));
    try (ServerSocket taken = bindSoon(Integer.parseInt(user("carol").require("port")))) {
      BatchResult half = live.add(spec, List.of(user("carol"), user("dave")));
      assertEquals(List.of("dave"), half.applied(), "the batch says exactly who was applied");
      assertTrue(half.failed().get("carol").contains("not available"), half.toString());
    }
    assertEquals(List.of("bob", "dave"), live.present(spec));
    assertEquals(List.of(new Drift(server, List.of("carol"), List.of(), null)), f.app.reconciler().reconcile(),
        "the next reconcile adds carol once her port is free");
    assertInSync();
  }

  private UserSpec user(String name) {
    return ServerUsers.all(f.app.database(), server).stream().filter(u -> u.username().equals(name)).findFirst()
        .orElseThrow();
  }

  /** ss-manager answers a remove before its ss-server has exited: the port frees a moment later. */
  private static ServerSocket bindSoon(int port) throws Exception {
    for (int i = 0; ; i++) {
      try {
        return new ServerSocket(port);
      } catch (java.net.BindException stillHeld) {
        if (i == 40) {
          throw stillHeld;
        }
        Thread.sleep(50);
      }
    }
  }
}
