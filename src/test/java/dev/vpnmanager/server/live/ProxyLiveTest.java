package dev.vpnmanager.server.live;

import static dev.vpnmanager.server.live.LiveFixture.HELLO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.docker.ContainerState;
import dev.vpnmanager.domain.VpnServer;
import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.testing.TestNet;
import dev.vpnmanager.testing.Tunnels;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP and SOCKS5 proxies on the core's inbounds in a real container: curl with the user's proxy link fetches a
 * page; suspend, resume, rotate and delete replace the inbound live (no restart) while another user's open
 * tunnel keeps working.
 */
class ProxyLiveTest {
  @TempDir Path dir;
  LiveFixture f;

  @BeforeEach
  void setUp() throws Exception {
    f = new LiveFixture(dir, Clock.systemUTC(), Map.of());
  }

  @AfterEach
  void tearDown() {
    if (f != null) {
      f.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"http", "socks"})
  void accountChangesReachTheRunningCoreWithoutARestart(String protocol) throws Exception {
    String server = f.install(protocol);
    f.user("alice", server, 0);
    f.user("bob", server, 0);
    VpnServer s = f.app.servers().require(server);
    ContainerState before = f.rt.inspect(s.getContainerId()).orElseThrow();
    assertEquals(HELLO, f.fetchProxy("alice", ""));
    Credentials bob = Credentials.fromJson(f.app.userQueries().require("bob").getCredentials());
    int web = f.web.getAddress().getPort();
    try (VlessLiveTest.KeepAlive open = new VlessLiveTest.KeepAlive(
        Tunnels.open(protocol, s.getPort(), bob.get("username"), bob.get("password"), TestNet.address(), web), web)) {
      assertEquals(HELLO, open.get());
      String oldLink = f.app.configDelivery().configFor("alice").link();

      f.app.users().suspend(Actor.cli(), "alice", "test");
      assertNotEquals(HELLO, f.fetchProxy("alice", ""));
      assertEquals(HELLO, open.get(), "bob's open tunnel keeps working");
      assertEquals(HELLO, f.fetchProxy("bob", ""));

      f.app.users().resume(Actor.cli(), "alice");
      assertEquals(HELLO, f.fetchProxy("alice", ""));

      f.app.users().rotate(Actor.cli(), "alice");
      assertNotEquals(oldLink, f.app.configDelivery().configFor("alice").link());
      assertNotEquals(HELLO, f.fetchLink(oldLink, ""), "the old password is refused");
      assertEquals(HELLO, f.fetchProxy("alice", ""));
      String rotated = f.app.configDelivery().configFor("alice").link();
      f.app.users().delete(Actor.cli(), "alice");
      assertNotEquals(HELLO, f.fetchLink(rotated, ""));
      assertEquals(HELLO, open.get());
    }
    ContainerState after = f.rt.inspect(s.getContainerId()).orElseThrow();
    assertEquals(before.startedAt(), after.startedAt(), "no restart");
  }
}
