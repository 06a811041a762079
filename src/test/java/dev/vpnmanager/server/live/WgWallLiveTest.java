package dev.vpnmanager.server.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.testing.DockerPeer;
import dev.vpnmanager.testing.TestNet;
import dev.vpnmanager.user.NewUser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attacker's view of a WireGuard server, from real client containers with the users' own .conf: a page on a
 * non-private address is fetched, but not the host's listener on the Docker bridge (a private address), not another
 * client, not the server container itself; with the bridge's range allowed on purpose the host's listener is reached.
 */
class WgWallLiveTest {
  @TempDir Path dir;
  private ContainerRuntime rt;
  private HandWiredFixture fx;
  private WgClient a;
  private WgClient b;
  private String network;
  private String suffix;

  @BeforeEach
  void setUp() throws Exception {
    rt = DockerPeer.runtime();
    DockerPeer.requireImage(rt, DockerPeer.WIREGUARD);
    DockerPeer.requireImage(rt, DockerPeer.WIREGUARD_CLIENT);
    suffix = HandWiredFixture.newSuffix();
    network = "vpnm-wgw-" + suffix;
    rt.ensureNetwork(network);
    a = new WgClient(rt, "wall-a-" + suffix, network + "-a", DockerPeer.WIREGUARD_CLIENT, network);
    b = new WgClient(rt, "wall-b-" + suffix, network + "-b", DockerPeer.WIREGUARD_CLIENT, network);
    fx = new HandWiredFixture(dir, suffix, Map.of("images.wireguard", DockerPeer.WIREGUARD, "public-host",
        a.gateway()));
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

  private String install(String tag, Map<String, String> options) {
    String name = "wg" + tag + "-" + suffix;
    fx.app.serverContainers().install(Actor.cli(), "wireguard", name, HandWiredFixture.freePort(), options);
    return name;
  }

  private byte[] addUser(String user, String server) {
    fx.app.users().add(Actor.cli(), new NewUser(user, "wireguard", server, 0, null, null, null));
    return fx.app.configDelivery().configFor(user).file();
  }

  private String address(String user) {
    return Credentials.fromJson(fx.app.userQueries().require(user).getCredentials()).get("address");
  }

  private String bridgeAddress(String server) {
    return WgClient.gateway(rt, rt.inspect("vpn-manager-" + server).orElseThrow().id());
  }

  private boolean ping(WgClient from, String to) {
    return rt.exec(from.id, List.of("ping", "-c", "2", "-W", "1", to), null, Duration.ofSeconds(10)).ok();
  }

  @Test
  void clientsReachAPageButNotTheHostsBridgeNorEachOtherNorTheServer() {
    String server = install("", Map.of());
    a.up(addUser("alice", server));
    b.up(addUser("bob", server));
    String page = "http://" + TestNet.address() + ":" + fx.webPort() + "/hello";
    assertEquals("hello", a.getWithin(page, 10));
    assertEquals("hello", b.getWithin(page, 10));
    String host = "http://" + bridgeAddress(server) + ":" + fx.webPort() + "/hello";
    assertNull(a.get(host, 2), "the host's listener on the Docker bridge (private range)");
    assertFalse(ping(a, address("bob")), "another client (wg0 to wg0)");
    String serverTunnelAddress = address("alice").replaceAll("\\.\\d+$", ".1");
    assertFalse(ping(a, serverTunnelAddress), "the server container itself from the tunnel");
    assertEquals("hello", a.get(page, 3), "still fine");
  }

  @Test
  void aRangeAllowedOnPurposeIsReached() {
    // Docker's bridges are in 172.16.0.0/12 (the engine's default pools)
    String server = install("lan", Map.of("allowLan", "172.16.0.0/12"));
    a.up(addUser("carol", server));
    String bridge = bridgeAddress(server);
    assertEquals("hello", a.getWithin("http://" + bridge + ":" + fx.webPort() + "/hello", 10));
  }
}
