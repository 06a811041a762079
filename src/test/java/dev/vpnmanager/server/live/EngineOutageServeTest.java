package dev.vpnmanager.server.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.server.ServerSpecs;
import dev.vpnmanager.server.runtime.ManagedContainer;
import dev.vpnmanager.server.v2ray.XrayApis;
import dev.vpnmanager.testing.ByteSink;
import dev.vpnmanager.testing.ChildJvm;
import dev.vpnmanager.testing.DockerPeer;
import dev.vpnmanager.testing.DockerSocketProxy;
import dev.vpnmanager.testing.ServeProcess;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.testing.TestNet;
import dev.vpnmanager.testing.Tunnels;
import dev.vpnmanager.testing.telegram.ApiRequest;
import dev.vpnmanager.testing.telegram.BotApiStandIn;
import dev.vpnmanager.testing.telegram.TelegramHarness;
import dev.vpnmanager.user.NewUser;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Docker engine goes away while a real {@code serve} runs and comes back (a socket in front of the engine's
 * that the test cuts: for the daemon the engine is gone, the containers go on running as under live-restore).
 * Meanwhile serve answers chat, admins get one "engine cannot be reached" message and one "answers again", a
 * user added during the outage (its live change failed) is put into the running server by reconcile, and the
 * traffic counted in the database equals the core's own counters exactly: bytes pushed during the outage are
 * counted once, after it.
 */
class EngineOutageServeTest {
  @TempDir Path dir;

  @Test
  void serveRidesOutAnEngineOutageWithOneAlertAndExactCounters() throws Exception {
    ContainerRuntime rt = DockerPeer.runtime();
    String image = DockerPeer.requireImage(rt, DockerPeer.XRAY);
    String name = "outage-" + Long.toString(System.nanoTime(), 36);
    Path data = dir.resolve("data");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Map<String, String> settings = Map.of("images.socks", image, "firewall.mode", "off");
    AppComponent app = TestApp.create(data, java.time.Clock.systemUTC(), settings);
    try (ByteSink sink = new ByteSink(TestNet.address());
         BotApiStandIn api = new BotApiStandIn(TelegramHarness.TOKEN);
         DockerSocketProxy docker = new DockerSocketProxy(dir)) {
      app.serverContainers().install(Actor.cli(), "socks", name, port);
      app.users().add(Actor.cli(), new NewUser("alice", "socks", name, 0, null, null, null));
      // where the core's API answers (its Unix socket since the API moved there), as live sync finds it
      dev.vpnmanager.protocol.ServerSpec spec = ServerSpecs.of(app.servers().require(name));
      app.database().shutdown();
      Map<String, String> env = new HashMap<>(Map.of("VPN_TELEGRAM_TOKEN", TelegramHarness.TOKEN,
          "VPN_TELEGRAM_API_URL", api.url(), "VPN_ADMINS", "telegram:100", "VPN_DOCKER_HOST", docker.host(),
          "VPN_IMAGES_SOCKS", image, "VPN_FIREWALL_MODE", "off", "VPN_TRAFFIC_INTERVAL", "1s",
          "VPN_ENFORCE_INTERVAL", "1s", "VPN_RECONCILE_INTERVAL", "3s", "VPN_ALERTS_DOWN_AFTER", "2"));
      try (ServeProcess serve = new ServeProcess(data, dir, env); XrayApis apis = new XrayApis()) {
        serve.start();
        Counters counters = new Counters(data, apis, spec);
        push(port, "alice", data, sink, 1_000_000);
        counters.awaitExact("alice", Duration.ofSeconds(30));

        docker.cut();
        push(port, "alice", data, sink, 2_000_000);
        ProcessBuilder cli = ChildJvm.builder(data, "users", "add", "bob", "--protocol", "socks", "--server", name);
        cli.environment().putAll(Map.of("VPN_DOCKER_HOST", docker.host(), "VPN_IMAGES_SOCKS", image,
            "VPN_FIREWALL_MODE", "off"));
        Process add = cli.redirectErrorStream(true).start();
        String addOut = new String(add.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(add.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, add.exitValue(), addOut);
        assertThrows(IOException.class, () -> push(port, "bob", data, sink, 1000),
            "the live change could not reach the server while the engine was away");
        api.pushText(100, 100, "/help", "en");
        api.await("sendMessage", r -> r.chatId().equals("100") && r.text().contains("/users"), Duration.ofSeconds(15));
        api.await("sendMessage", r -> down(r), Duration.ofSeconds(30));
        Thread.sleep(4000); // several more failed health checks
        assertEquals(1, api.requests("sendMessage").stream().filter(EngineOutageServeTest::down).count());

        docker.restore();
        api.await("sendMessage", EngineOutageServeTest::up, Duration.ofSeconds(30));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) { // reconcile puts bob into the running server
          try {
            push(port, "bob", data, sink, 500_000);
            break;
          } catch (IOException e) {
            assertTrue(System.nanoTime() < deadline, "reconcile never healed bob:\n" + serve.logs());
            Thread.sleep(500);
          }
        }
        long alice = counters.awaitExact("alice", Duration.ofSeconds(30));
        long bob = counters.awaitExact("bob", Duration.ofSeconds(30));
        assertTrue(alice >= 3_000_000, "alice's bytes from before and during the outage: " + alice);
        assertTrue(bob >= 500_000, "" + bob);
        Thread.sleep(3000); // more cycles count nothing twice
        assertEquals(alice, counters.awaitExact("alice", Duration.ofSeconds(10)));
        assertEquals(bob, counters.awaitExact("bob", Duration.ofSeconds(10)));
        assertEquals(1, api.requests("sendMessage").stream().filter(EngineOutageServeTest::down).count());
        assertEquals(1, api.requests("sendMessage").stream().filter(EngineOutageServeTest::up).count());
      }
    } finally {
      rt.inspect(ManagedContainer.name(name)).ifPresent(c -> rt.remove(c.id()));
    }
  }

  private static boolean down(ApiRequest r) {
    return r.chatId().equals("100") && r.text().contains("Docker engine cannot be reached");
  }

  private static boolean up(ApiRequest r) {
    return r.chatId().equals("100") && r.text().contains("Docker engine answers again");
  }

  /** Pushes {@code bytes} through the server as the user, to the sink, and waits until the sink has them. */
  static void push(int proxyPort, String user, Path data, ByteSink sink, int bytes) throws Exception {
    AppComponent app = TestApp.create(data);
    Credentials c = Credentials.fromJson(app.userQueries().require(user).getCredentials());
    app.database().shutdown();
    long before = sink.received.get();
    try (Socket s = Tunnels.open("socks", proxyPort, c.get("username"), c.get("password"), sink.host, sink.port)) {
      OutputStream out = s.getOutputStream();
      byte[] chunk = new byte[16 * 1024];
      for (int sent = 0; sent < bytes; sent += chunk.length) {
        out.write(chunk, 0, Math.min(chunk.length, bytes - sent));
      }
      out.flush();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (sink.received.get() - before < bytes) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("the sink got " + (sink.received.get() - before) + " of " + bytes);
        }
        Thread.sleep(20);
      }
    }
  }

  /** The database's used bytes against the core's own counters (uplink + downlink, never reset). */
  static final class Counters {
    private final Path data;
    private final XrayApis apis;
    private final dev.vpnmanager.protocol.ServerSpec server;

    Counters(Path data, XrayApis apis, dev.vpnmanager.protocol.ServerSpec server) {
      this.data = data;
      this.apis = apis;
      this.server = server;
    }

    long core(String user) {
      return apis.forServer(server).queryStats("user>>>" + user + ">>>traffic>>>").values().stream()
          .mapToLong(Long::longValue).sum();
    }

    long counted(String user) {
      AppComponent app = TestApp.create(data);
      try {
        return app.userQueries().require(user).getUsedBytes();
      } finally {
        app.database().shutdown();
      }
    }

    /** Waits until the database holds exactly what the core counted; returns it. */
    long awaitExact(String user, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (true) {
        long core = core(user);
        long db = counted(user);
        if (core == db && core > 0) {
          return db;
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError(user + ": counted " + db + ", the core says " + core);
        }
        Thread.sleep(300);
      }
    }
  }
}
