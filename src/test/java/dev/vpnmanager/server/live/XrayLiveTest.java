package dev.vpnmanager.server.live;

import static dev.vpnmanager.server.live.LiveFixture.HELLO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.docker.ContainerState;
import dev.vpnmanager.domain.VpnServer;
import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.server.v2ray.XrayApi;
import dev.vpnmanager.server.v2ray.XrayApis;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The production defaults on the real Xray (26.3.27) in an image laid out like ghcr.io/xtls/xray-core (no
 * shell, uid 65532): VLESS with REALITY (a local TLS 1.3 dest), HTTP and SOCKS. Clients the project did not write
 * fetch a page from the delivered file or link alone: Xray's own client, sing-box, curl. Every change goes the
 * production way (UserService -> event -> LiveSync -> the core's API); counters come from the traffic collector.
 */
class XrayLiveTest {
  @TempDir Path dir;
  LiveFixture f;
  final XrayApis apis = new XrayApis();

  @BeforeEach
  void setUp() throws Exception {
    f = LiveFixture.xray(dir, Clock.systemUTC(), Map.of());
  }

  @AfterEach
  void tearDown() {
    apis.close();
    if (f != null) {
      f.close();
    }
  }

  @Test
  void vlessRealityThroughXraysClientAndSingBoxIsCutAndBackLiveAndCounted() throws Exception {
    String server = f.install("vless");
    f.user("alice", server, 0);
    f.user("bob", server, 0);
    assertTrue(f.app.configDelivery().configFor("alice").link().contains("security=reality"));
    ContainerState before = f.rt.inspect(f.containerId(server)).orElseThrow();
    int alice = f.vlessClient("alice");
    int bob = f.singBoxClient("bob");
    assertEquals(HELLO, f.fetchVia(alice, ""), "Xray's client from the delivered file");
    assertEquals(HELLO, f.fetchVia(bob, ""), "sing-box from the link alone");

    try (VlessLiveTest.KeepAlive open = new VlessLiveTest.KeepAlive(bob, f.web.getAddress().getPort())) {
      assertEquals(HELLO, open.get());
      f.app.users().suspend(Actor.cli(), "alice", "test");
      assertNotEquals(HELLO, f.fetchVia(alice, ""));
      assertEquals(HELLO, open.get(), "bob's open connection keeps working");
      f.app.users().resume(Actor.cli(), "alice");
      assertEquals(HELLO, f.fetchVia(alice, ""));
    }
    f.app.users().suspend(Actor.cli(), "bob", "test");
    assertNotEquals(HELLO, f.fetchVia(bob, ""));
    assertEquals(HELLO, f.fetchVia(alice, ""));
    f.app.users().resume(Actor.cli(), "bob");
    assertEquals(HELLO, f.fetchVia(bob, ""));

    f.app.trafficCollector().collect();
    long first = f.app.userQueries().require("alice").getUsedBytes();
    assertEquals(400_000, f.fetchVia(alice, "?bytes=400000").length());
    f.app.trafficCollector().collect();
    long counted = f.app.userQueries().require("alice").getUsedBytes() - first;
    assertTrue(counted >= 400_000 && counted < 400_000 + 64 * 1024, "counted " + counted);

    ContainerState after = f.rt.inspect(f.containerId(server)).orElseThrow();
    assertEquals(before.startedAt(), after.startedAt(), "no restart");
    assertEquals(before.restartCount(), after.restartCount());
  }

  @Test
  void reconcileReadsXraysOwnUserListAndFixesDrift() throws Exception {
    String server = f.install("vless");
    f.user("alice", server, 0);
    f.user("carol", server, 0);
    f.app.users().suspend(Actor.cli(), "carol", "test");
    XrayApi api = apis.ofSocket(Path.of(settings(server).get("apiSocket")), "xray");
    assertEquals(List.of("alice"), api.inboundUsers("vless-in"));
    assertTrue(f.app.reconciler().reconcile().get(0).none(), "listing the users changed nothing");
    assertEquals(List.of("alice"), api.inboundUsers("vless-in"), "carol, cut off, was never added");

    api.removeUser("vless-in", "alice");
    api.addUser("vless-in", "carol", api.vlessAccount(uuid("carol"), "xtls-rprx-vision"));
    int carol = f.vlessClient("carol");
    assertEquals(HELLO, f.fetchVia(carol, ""), "carol was let in behind the manager's back");

    assertEquals(List.of(new Drift(server, List.of("alice"), List.of("carol"), null)), f.app.reconciler().reconcile());
    assertEquals(List.of("alice"), api.inboundUsers("vless-in"));
    assertNotEquals(HELLO, f.fetchVia(carol, ""));
    int alice = f.vlessClient("alice");
    assertEquals(HELLO, f.fetchVia(alice, ""));
  }

  @ParameterizedTest
  @ValueSource(strings = {"http", "socks"})
  void proxiesOnXrayAreCutAndBackLive(String protocol) throws Exception {
    // socks on a port below 1024: the core binds it as root with only NET_BIND_SERVICE; http as uid 65532
    String server = protocol.equals("socks") ? f.install(protocol, LiveFixture.freePrivilegedPort())
        : f.install(protocol);
    f.user("alice", server, 0);
    f.user("bob", server, 0);
    VpnServer s = f.app.servers().require(server);
    assertEquals("xray", Credentials.fromJson(s.getSettings()).get("core"));
    ContainerState before = f.rt.inspect(s.getContainerId()).orElseThrow();
    assertEquals(HELLO, f.fetchProxy("alice", ""));
    assertEquals(HELLO, f.fetchProxy("bob", ""));

    f.app.users().suspend(Actor.cli(), "alice", "test");
    assertNotEquals(HELLO, f.fetchProxy("alice", ""));
    assertEquals(HELLO, f.fetchProxy("bob", ""));
    f.app.users().resume(Actor.cli(), "alice");
    assertEquals(HELLO, f.fetchProxy("alice", ""));

    f.fetchProxy("alice", "?bytes=100000");
    f.app.trafficCollector().collect();
    assertTrue(f.app.userQueries().require("alice").getUsedBytes() >= 100_000, "counted under the account name");

    ContainerState after = f.rt.inspect(s.getContainerId()).orElseThrow();
    assertEquals(before.startedAt(), after.startedAt(), "no restart");
    assertEquals(before.restartCount(), after.restartCount());
  }

  private Credentials settings(String server) {
    return Credentials.fromJson(f.app.servers().require(server).getSettings());
  }

  private String uuid(String user) {
    return Credentials.fromJson(f.app.userQueries().require(user).getCredentials()).get("uuid");
  }
}
