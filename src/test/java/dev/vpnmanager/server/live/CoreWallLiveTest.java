package dev.vpnmanager.server.live;

import static dev.vpnmanager.server.live.LiveFixture.HELLO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.protocol.Credentials;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The attacker's view of a v2ray-core server (HTTP, SOCKS5, VLESS), through real tunnels: a user reaches a normal
 * page, but not the core's own gRPC API on the host's loopback, nor a listener of the test's own there, by address
 * or by a name that resolves to loopback. An admin who allows 127.0.0.1/32 on purpose gets it back.
 */
class CoreWallLiveTest {
  @TempDir Path dir;
  LiveFixture f;
  ServerSocket greeter;

  @BeforeEach
  void setUp() throws Exception {
    f = new LiveFixture(dir, Clock.systemUTC(), Map.of());
    greeter = Probe.greeter();
  }

  @AfterEach
  void tearDown() throws Exception {
    if (greeter != null) {
      greeter.close();
    }
    if (f != null) {
      f.close();
    }
  }

  interface Via {
    boolean answers(String host, int port, byte[] send) throws Exception;
  }

  private Via via(String protocol, String server, String user) throws Exception {
    if (protocol.equals("vless")) {
      int socks = f.vlessClient(user);
      return (host, port, send) -> Probe.answersViaSocks(socks, host, port, send);
    }
    Credentials c = Credentials.fromJson(f.app.userQueries().require(user).getCredentials());
    int proxy = f.app.servers().require(server).getPort();
    return (host, port, send) -> Probe.answersViaProxy(protocol, proxy, c.get("username"), c.get("password"), host,
        port, send);
  }


  private int apiPort(String server) {
    return Integer.parseInt(Credentials.fromJson(f.app.servers().require(server).getSettings()).get("apiPort"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"http", "socks", "vless"})
  void theTunnelReachesAPageButNeitherTheApiNorTheHostsLoopback(String protocol) throws Exception {
    String server = f.install(protocol);
    f.user("alice", server, 0);
    int api = apiPort(server);
    int port = greeter.getLocalPort();
    assertTrue(Probe.answers(new Socket("127.0.0.1", port), new byte[0]), "the greeter greets direct callers");
    assertTrue(Credentials.fromJson(f.app.servers().require(server).getSettings()).get("apiSocket") != null,
        "the API is on a Unix socket (ApiAttackLiveTest); its old loopback port is still tried below");

    Via via = via(protocol, server, "alice");
    if (protocol.equals("vless")) {
      assertEquals(HELLO, f.fetchVia(f.vlessClient("alice"), ""), "a normal page");
    } else {
      assertEquals(HELLO, f.fetchProxy("alice", ""), "a normal page");
    }
    assertFalse(via.answers("127.0.0.1", port, new byte[0]), "a listener on the host's loopback");
    assertFalse(via.answers("localhost", port, new byte[0]), "the same by a name that resolves to loopback");
    assertFalse(via.answers("127.0.0.1", api, Probe.H2_PREFACE), "the core's gRPC API");
    assertFalse(via.answers("localhost", api, Probe.H2_PREFACE), "the API by name");
  }

  @Test
  void aRangeAllowedOnPurposeIsReached() throws Exception {
    String server = f.install("socks", "lan", Map.of("allowLan", "127.0.0.1/32"));
    f.user("alice", server, 0);
    Via via = via("socks", server, "alice");
    assertTrue(via.answers("127.0.0.1", greeter.getLocalPort(), new byte[0]));
    assertEquals(HELLO, f.fetchProxy("alice", ""));
  }
}
