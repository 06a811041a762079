package dev.vpnmanager.server.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.testing.DockerPeer;
import dev.vpnmanager.testing.Peers;
import dev.vpnmanager.testing.TestNet;
import dev.vpnmanager.user.NewUser;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attacker's view of an ss-libev server through a real {@code ss-local} (TCP) and {@code ss-tunnel} (UDP) with
 * the user's own config: a page is fetched, but ss-manager's API (UDP, on the old loopback port) never answers, and
 * a listener of the test's own on the host's loopback is not reached; with 127.0.0.1/32 allowed it is.
 */
class SsWallLiveTest {
  @TempDir Path dir;
  private ContainerRuntime rt;
  private HandWiredFixture fx;
  private SsLocal clients;
  private ServerSocket greeter;
  private Path ssTunnel;
  private final List<Process> tunnels = new ArrayList<>();
  private int apiPort;

  @BeforeEach
  void setUp() throws Exception {
    rt = DockerPeer.runtime();
    DockerPeer.requireImage(rt, DockerPeer.SHADOWSOCKS);
    clients = new SsLocal(Peers.binary("ss-local", "shadowsocks-libev"), Peers.binary("curl", "curl"), dir);
    ssTunnel = Peers.binary("ss-tunnel", "shadowsocks-libev");
    apiPort = HandWiredFixture.freePort(41000);
    fx = new HandWiredFixture(dir, HandWiredFixture.newSuffix(), Map.of("images.shadowsocks", DockerPeer.SHADOWSOCKS,
        "public-host", "127.0.0.1", "shadowsocks.api-port", Integer.toString(apiPort)));
    greeter = Probe.greeter();
  }

  @AfterEach
  void tearDown() throws Exception {
    tunnels.forEach(Process::destroy);
    if (greeter != null) {
      greeter.close();
    }
    if (clients != null) {
      clients.close();
    }
    if (fx != null) {
      fx.close();
    }
  }

  private String install(String tag, Map<String, String> options) {
    String name = "ss" + tag + "-" + fx.suffix;
    fx.app.serverContainers().install(Actor.cli(), "shadowsocks", name, HandWiredFixture.freeBlock(46000, 10), options);
    return name;
  }

  private byte[] addUser(String user, String server) {
    fx.app.users().add(Actor.cli(), new NewUser(user, "shadowsocks", server, 0, null, null, null));
    return fx.app.configDelivery().configFor(user).file();
  }

  /** What comes back (or null) for one datagram sent through ss-tunnel to 127.0.0.1:port on the server's host. */
  private String udpThrough(String user, byte[] conf, int port, String payload) throws Exception {
    Path c = dir.resolve(user + "-tunnel.json");
    Files.write(c, conf);
    int local = HandWiredFixture.freePort(44000);
    Process p = new ProcessBuilder(ssTunnel.toString(), "-c", c.toString(), "-l", Integer.toString(local), "-L",
        "127.0.0.1:" + port, "-U").redirectErrorStream(true).redirectOutput(dir.resolve(user + "-tunnel.log")
        .toFile()).start();
    tunnels.add(p);
    HandWiredFixture.sleep(700);
    try (DatagramSocket s = new DatagramSocket()) {
      s.setSoTimeout(1500);
      byte[] data = payload.getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < 2; i++) {
        s.send(new DatagramPacket(data, data.length, InetAddress.getLoopbackAddress(), local));
        byte[] buf = new byte[65507];
        DatagramPacket answer = new DatagramPacket(buf, buf.length);
        try {
          s.receive(answer);
          return new String(buf, 0, answer.getLength(), StandardCharsets.UTF_8);
        } catch (SocketTimeoutException e) {
          // again, then give up
        }
      }
      return null;
    }
  }

  @Test
  void aUserReachesAPageButNeitherSsManagerNorTheHostsLoopback() throws Exception {
    String server = install("", Map.of());
    byte[] conf = addUser("alice", server);
    int socks = clients.start("alice", conf);
    assertEquals(5, clients.fetch(socks, "http://" + TestNet.address() + ":" + fx.webPort() + "/hello", 5));
    int port = greeter.getLocalPort();
    assertTrue(Probe.answers(new Socket("127.0.0.1", port), new byte[0]));
    assertFalse(Probe.answersViaSocks(socks, "127.0.0.1", port, new byte[0]), "a listener on the host's loopback");
    assertFalse(Probe.answersViaSocks(socks, "localhost", port, new byte[0]), "the same by name");
    String apiPortSetting = Credentials.fromJson(fx.app.servers().require(server).getSettings()).get("apiPort");
    int api = apiPortSetting == null ? apiPort : Integer.parseInt(apiPortSetting);
    assertNull(udpThrough("alice", conf, api, "list"), "ss-manager's API through the tunnel (passwords)");
    assertNull(udpThrough("alice", conf, api, "add: {\"server_port\":" + (HandWiredFixture.freePort(45000))
        + ",\"password\":\"hidden-port\"}"), "a hidden, unmetered port");
  }

  @Test
  void aRangeAllowedOnPurposeIsReached() throws Exception {
    String server = install("lan", Map.of("allowLan", "127.0.0.1/32"));
    int socks = clients.start("bob", addUser("bob", server));
    assertTrue(Probe.answersViaSocks(socks, "127.0.0.1", greeter.getLocalPort(), new byte[0]));
  }

}
