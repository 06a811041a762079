package dev.vpnmanager.server.live;

import static dev.vpnmanager.server.live.LiveFixture.HELLO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.server.v2ray.XrayApis;
import dev.vpnmanager.testing.DockerPeer;
import dev.vpnmanager.testing.Peers;
import dev.vpnmanager.testing.TestNet;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shadowsocks on the Xray core ({@code shadowsocks.core: xray}) in the Xray image (no shell, non-root), installed
 * the production way: every user a client of one inbound on the server's port, with ss-local (shadowsocks-libev's
 * client, not ours) started from exactly the delivered config. Suspend cuts a user live with no container restart,
 * the counters equal the core's own, and the wall keeps users' TCP and UDP off the host's loopback and the core's
 * API (ss-tunnel, also shadowsocks-libev's, for UDP).
 */
class ShadowsocksXrayLiveTest {
  @TempDir Path dir;
  LiveFixture f;
  SsLocal clients;
  ServerSocket greeter;
  final XrayApis apis = new XrayApis();

  @BeforeEach
  void setUp() throws Exception {
    f = LiveFixture.xray(dir, Clock.systemUTC(), Map.of("shadowsocks.core", "xray",
        "images.shadowsocks-xray", DockerPeer.XRAY));
    clients = new SsLocal(Peers.binary("ss-local", "shadowsocks-libev"), Peers.binary("curl", "curl"), dir);
    greeter = Probe.greeter();
  }

  @AfterEach
  void tearDown() throws Exception {
    apis.close();
    if (greeter != null) {
      greeter.close();
    }
    if (clients != null) {
      clients.close();
    }
    if (f != null) {
      f.close();
    }
  }

  @Test
  void usersShareTheServersPortAndChangeLiveWithoutARestart() throws Exception {
    String server = f.install("shadowsocks");
    Credentials settings = Credentials.fromJson(f.app.servers().require(server).getSettings());
    assertEquals("xray", settings.get("core"));
    int port = f.app.servers().require(server).getPort();
    var container = f.rt.inspect(f.containerId(server)).orElseThrow();
    assertEquals(DockerPeer.XRAY, container.image(), "the Xray image");

    f.user("alice", server, 0);
    f.user("bob", server, 0);
    for (String u : new String[] {"alice", "bob"}) {
      var config = f.app.configDelivery().configFor(u);
      assertEquals(port, URI.create(config.link()).getPort(), "the link dials the server's own port");
      assertEquals(port, new ObjectMapper().readTree(config.file()).path("server_port").asInt());
    }
    int alice = clients.start("alice", f.app.configDelivery().configFor("alice").file());
    int bob = clients.start("bob", f.app.configDelivery().configFor("bob").file());
    assertEquals(HELLO, f.fetchVia(alice, ""), "added live, through the shared port");
    assertEquals(HELLO, f.fetchVia(bob, ""));

    f.app.users().suspend(Actor.cli(), "alice", "test");
    assertNotEquals(HELLO, f.fetchVia(alice, ""), "cut live");
    assertEquals(HELLO, f.fetchVia(bob, ""), "bob stays");
    f.app.users().resume(Actor.cli(), "alice");
    assertEquals(HELLO, f.fetchVia(alice, ""), "back live");
    f.app.users().rotate(Actor.cli(), "alice");
    assertNotEquals(HELLO, f.fetchVia(alice, ""), "the old password is gone");
    int rotated = clients.start("alice-rotated", f.app.configDelivery().configFor("alice").file());
    assertEquals(HELLO, f.fetchVia(rotated, ""), "the new one works");
    assertTrue(f.app.reconciler().reconcile().stream().allMatch(Drift::none), "the core holds the database's users");
    assertEquals(container.startedAt(), f.rt.inspect(f.containerId(server)).orElseThrow().startedAt(),
        "no container restart for any user change");

    f.app.trafficCollector().collect();
    long before = f.app.userQueries().require("bob").getUsedBytes();
    long coreBefore = coreTotal(server, "bob");
    assertEquals(300_000, clients.fetch(bob, f.url() + "?bytes=300000", 10));
    f.app.trafficCollector().collect();
    long counted = f.app.userQueries().require("bob").getUsedBytes() - before;
    assertEquals(coreTotal(server, "bob") - coreBefore, counted, "the database adds exactly what the core counted");
    assertTrue(counted >= 300_000, "counted " + counted);
  }

  @Test
  void theWallKeepsUsersOffTheHostsLoopbackAndTheApi() throws Exception {
    String server = f.install("shadowsocks");
    f.user("alice", server, 0);
    int socks = clients.start("alice", f.app.configDelivery().configFor("alice").file());
    assertEquals(HELLO, f.fetchVia(socks, ""), "a normal page");
    int port = greeter.getLocalPort();
    assertTrue(Probe.answers(new Socket("127.0.0.1", port), new byte[0]), "the greeter greets direct callers");
    assertFalse(Probe.answersViaSocks(socks, "127.0.0.1", port, new byte[0]), "a listener on the host's loopback");
    assertFalse(Probe.answersViaSocks(socks, "localhost", port, new byte[0]), "the same by name");
    int api = Integer.parseInt(Credentials.fromJson(f.app.servers().require(server).getSettings()).get("apiPort"));
    assertFalse(Probe.answersViaSocks(socks, "127.0.0.1", api, Probe.H2_PREFACE), "the core's gRPC API port");
    // UDP too (Xray relays it on this core): a datagram echo on the tests' public address answers through the
    // tunnel, the same echo on the host's loopback does not
    byte[] conf = f.app.configDelivery().configFor("alice").file();
    try (UdpEcho outside = new UdpEcho(TestNet.address()); UdpEcho inside = new UdpEcho("127.0.0.1")) {
      assertEquals("ping", udpThrough("alice-out", conf, TestNet.address(), outside.port(), "ping"),
          "UDP is relayed");
      assertNull(udpThrough("alice-in", conf, "127.0.0.1", inside.port(), "ping"), "UDP to the host's loopback");
    }

    String lan = f.install("shadowsocks", "lan", Map.of("allowLan", "127.0.0.1/32"));
    f.user("bob", lan, 0);
    int bob = clients.start("bob", f.app.configDelivery().configFor("bob").file());
    assertTrue(Probe.answersViaSocks(bob, "127.0.0.1", port, new byte[0]), "a range allowed on purpose");
  }

  /** What comes back (or null) for one datagram sent through ss-tunnel (the user's config) to host:port. */
  private String udpThrough(String name, byte[] conf, String host, int port, String payload) throws Exception {
    Path c = dir.resolve(name + "-tunnel.json");
    Files.write(c, conf);
    int local = LiveFixture.freePort();
    Process p = new ProcessBuilder(Peers.binary("ss-tunnel", "shadowsocks-libev").toString(), "-c", c.toString(),
        "-l", Integer.toString(local), "-L", host + ":" + port, "-U").redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + "-tunnel.log").toFile()).start();
    try (DatagramSocket s = new DatagramSocket()) {
      Thread.sleep(700);
      s.setSoTimeout(1500);
      byte[] data = payload.getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < 2; i++) {
        s.send(new DatagramPacket(data, data.length, InetAddress.getLoopbackAddress(), local));
        byte[] buf = new byte[2048];
        DatagramPacket answer = new DatagramPacket(buf, buf.length);
        try {
          s.receive(answer);
          return new String(buf, 0, answer.getLength(), StandardCharsets.UTF_8);
        } catch (SocketTimeoutException e) {
          // again, then give up
        }
      }
      return null;
    } finally {
      p.destroy();
    }
  }

  /** A datagram echo on one address of the host. */
  private static final class UdpEcho implements AutoCloseable {
    private final DatagramSocket socket;

    UdpEcho(String address) throws Exception {
      socket = new DatagramSocket(new InetSocketAddress(address, 0));
      Thread t = new Thread(() -> {
        byte[] buf = new byte[2048];
        while (!socket.isClosed()) {
          try {
            DatagramPacket in = new DatagramPacket(buf, buf.length);
            socket.receive(in);
            socket.send(new DatagramPacket(in.getData(), in.getLength(), in.getSocketAddress()));
          } catch (java.io.IOException e) {
            return;
          }
        }
      });
      t.setDaemon(true);
      t.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    @Override
    public void close() {
      socket.close();
    }
  }

  /** The user's uplink + downlink as the core itself reports them, over its API socket. */
  private long coreTotal(String server, String user) {
    String socket = Credentials.fromJson(f.app.servers().require(server).getSettings()).get("apiSocket");
    return apis.ofSocket(Path.of(socket), "xray").queryStats("user>>>" + user + ">>>").values().stream()
        .mapToLong(Long::longValue).sum();
  }
}
