package dev.vpnmanager.server.live;

import static dev.vpnmanager.server.live.LiveFixture.HELLO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.docker.ContainerSpec;
import dev.vpnmanager.domain.VpnServer;
import dev.vpnmanager.server.v2ray.ShadowsocksV2rayLive;
import dev.vpnmanager.server.runtime.ApiSockets;
import dev.vpnmanager.server.v2ray.V2rayPlanner;
import dev.vpnmanager.protocol.UserSpec;
import dev.vpnmanager.server.ServerSpecs;
import dev.vpnmanager.storage.Tx;
import dev.vpnmanager.testing.DockerPeer;
import dev.vpnmanager.testing.Peers;
import dev.vpnmanager.user.NewUser;
import dev.vpnmanager.server.v2ray.XrayApis;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shadowsocks on the v2ray core: one inbound per user added and removed over AddInbound/RemoveInbound on a
 * running container (planned by the v2ray planner from the database), with ss-local as the real client.
 */
class ShadowsocksV2rayLiveTest {
  @TempDir Path dir;
  LiveFixture f;
  final XrayApis apis = new XrayApis();
  final List<Process> clients = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    f = new LiveFixture(dir, Clock.systemUTC(), Map.of("shadowsocks.core", "v2ray",
        "images.shadowsocks", DockerPeer.V2RAY));
  }

  @AfterEach
  void tearDown() {
    clients.forEach(Process::destroyForcibly);
    apis.close();
    if (f != null) {
      f.close();
    }
  }

  @Test
  void usersGetAndLoseTheirOwnInboundLive() throws Exception {
    Path ssLocal = Peers.binary("ss-local", "shadowsocks-libev");
    Tx tx0 = new Tx(f.app.database());
    int port = LiveFixture.freePort();
    tx0.run(txn -> f.app.servers().define(txn, Actor.cli(), "shadowsocks", "ss-" + f.suffix, port));
    f.app.users().add(Actor.cli(), new NewUser("alice", "shadowsocks", "ss-" + f.suffix, 0, null, null,
        null));
    VpnServer server = f.app.userQueries().require("alice").getServer();
    String id = deploy(server);
    f.app.users().add(Actor.cli(), new NewUser("bob", "shadowsocks", server.getName(), 0, null, null, null));
    ShadowsocksV2rayLive live = new ShadowsocksV2rayLive(apis, f.app.database());
    server = f.app.servers().require(server.getName());
    var spec = ServerSpecs.of(server);
    UserSpec bob = ServerSpecs.userOf(f.app.userQueries().require("bob"));
    int aliceSocks = client(ssLocal, "alice");
    int bobSocks = client(ssLocal, "bob");
    assertEquals(HELLO, f.fetchVia(aliceSocks, ""));
    assertNotEquals(HELLO, f.fetchVia(bobSocks, ""), "bob is not on the server yet");
    assertEquals(List.of("alice"), live.present(spec));

    BatchResult added = live.add(spec, List.of(bob));
    assertTrue(added.complete(), added.failed().toString());
    assertEquals(HELLO, f.fetchVia(bobSocks, ""));
    assertEquals(List.of("alice", "bob"), live.present(spec));
    assertTrue(live.add(spec, List.of(bob)).complete(), "adding again replaces, no duplicate tag");
    assertEquals(HELLO, f.fetchVia(bobSocks, ""));

    assertTrue(live.remove(spec, List.of(bob)).complete());
    assertNotEquals(HELLO, f.fetchVia(bobSocks, ""));
    assertEquals(HELLO, f.fetchVia(aliceSocks, ""));
    assertEquals(List.of("alice"), live.present(spec));
    assertTrue(f.rt.inspect(id).orElseThrow().running());
  }

  private String deploy(VpnServer server) throws Exception {
    ContainerSpec.Builder b = ContainerSpec.builder(server.getName(), "vpn-manager-" + server.getName(),
        DockerPeer.V2RAY);
    Tx tx = new Tx(f.app.database());
    tx.run(txn -> new V2rayPlanner(f.app.database(), f.app.protocols().require("shadowsocks"),
        new ApiSockets(f.app.settings(), f.app.containerRuntime()))
        .plan(tx.db().find(VpnServer.class).usingTransaction(txn).where().idEq(server.getId()).findOne(), txn, b));
    String id = f.rt.create(b.build());
    f.rt.start(id);
    int port = Integer.parseInt(ServerSpecs.userOf(f.app.userQueries().require("alice")).require("port"));
    for (int i = 0; i < 100 && !open(port); i++) {
      Thread.sleep(50);
    }
    return id;
  }

  private int client(Path ssLocal, String user) throws Exception {
    int socks = LiveFixture.freePort();
    String text = new String(f.app.configDelivery().configFor(user).file(), StandardCharsets.UTF_8)
        .replace("\"local_port\": 1080", "\"local_port\": " + socks);
    Path conf = dir.resolve(user + "-ss.json");
    Files.writeString(conf, text);
    Process p = new ProcessBuilder(ssLocal.toString(), "-c", conf.toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve(user + "-ss.log").toFile()).start();
    clients.add(p);
    for (int i = 0; i < 100 && !open(socks); i++) {
      Thread.sleep(50);
    }
    return socks;
  }

  private static boolean open(int port) {
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
