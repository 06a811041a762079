package dev.vpnmanager.server.live;

import static org.junit.jupiter.api.Assertions.fail;

import com.sun.net.httpserver.HttpServer;
import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.protocol.Exec;
import dev.vpnmanager.protocol.vless.VlessDriver;
import dev.vpnmanager.delivery.UserConfig;
import dev.vpnmanager.testing.DockerPeer;
import dev.vpnmanager.testing.Peers;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.testing.TestNet;
import dev.vpnmanager.user.NewUser;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real graph with live sync on, a real Docker engine running the test images, a web server on the tests' own
 * non-private address ({@link TestNet}; the server containers use the host's network), and real clients: v2ray
 * with a socks inbound, curl.
 */
final class LiveFixture implements AutoCloseable {
  static final String HELLO = "hello through the tunnel";
  final Path dir;
  final ContainerRuntime rt;
  final AppComponent app;
  final String suffix = UUID.randomUUID().toString().substring(0, 6);
  final HttpServer web;
  final String webHost;
  final Path v2ray;
  final Path curl;
  private final List<Process> clients = new ArrayList<>();

  LiveFixture(Path dir, Clock clock, Map<String, String> extra) throws IOException {
    this.dir = dir;
    rt = DockerPeer.runtime();
    DockerPeer.requireImage(rt, DockerPeer.V2RAY);
    v2ray = Peers.binary("v2ray", "v2ray");
    curl = Peers.binary("curl", "curl");
    Path script = dir.resolve("firewall.sh");
    Files.writeString(script, "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    Map<String, String> overrides = new HashMap<>(Map.of("images.vless", DockerPeer.V2RAY,
        "images.http", DockerPeer.V2RAY, "images.socks", DockerPeer.V2RAY, "vless.core", "v2ray",
        "firewall.script", script.toString(), "public-host", "127.0.0.1", "port-range", "43000-43999"));
    overrides.putAll(extra);
    app = TestApp.create(dir.resolve("data"), clock, overrides);
    // not on loopback: the servers block the host's loopback and private ranges by design
    webHost = TestNet.address();
    web = HttpServer.create(new InetSocketAddress(webHost, 0), 0);
    web.createContext("/", ex -> {
      String q = ex.getRequestURI().getQuery();
      byte[] body = q != null && q.startsWith("bytes=") ? new byte[Integer.parseInt(q.substring(6))]
          : HELLO.getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    web.start();
  }

  String url() {
    return "http://" + webHost + ":" + web.getAddress().getPort() + "/";
  }

  /** Installs a server of the protocol on a free port and returns its name. */
  String install(String protocol) throws IOException {
    String name = protocol + "-" + suffix;
    app.serverContainers().install(Actor.cli(), protocol, name, freePort());
    return name;
  }

  /** Installs a new server with definition options ({@code allowLan} ...) under a name of its own. */
  String install(String protocol, String tag, Map<String, String> options) throws IOException {
    String name = protocol + tag + "-" + suffix;
    app.serverContainers().install(Actor.cli(), protocol, name, freePort(), options);
    return name;
  }

  String containerId(String server) {
    return app.servers().require(server).getContainerId();
  }

  void user(String name, String server, long limitBytes) {
    app.users().add(Actor.cli(), new NewUser(name, app.servers().require(server).getProtocol(), server,
        limitBytes, null, null, null));
  }

  /** Starts a v2ray client from exactly the config file the user is sent (only its local socks port moved). */
  int vlessClient(String user) throws Exception {
    UserConfig c = app.configDelivery().configFor(user);
    int socks = freePort();
    String text = new String(c.file(), StandardCharsets.UTF_8)
        .replace("\"port\": " + VlessDriver.CLIENT_SOCKS_PORT, "\"port\": " + socks);
    Path f = dir.resolve(user + "-" + socks + ".json");
    Files.writeString(f, text);
    Process p = new ProcessBuilder(v2ray.toString(), "-config", f.toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve(user + ".log").toFile()).start();
    clients.add(p);
    awaitListening(socks, p);
    return socks;
  }

  /** curl through a local socks port (vless client) or the user's proxy link (http/socks). */
  String fetchVia(int socksPort, String query) {
    return curl("--socks5-hostname", "127.0.0.1:" + socksPort, url() + query);
  }

  String fetchProxy(String user, String query) {
    return fetchLink(app.configDelivery().configFor(user).link(), query);
  }

  String fetchLink(String link, String query) {
    return curl("--proxy", link.startsWith("socks5://") ? link.replace("socks5://", "socks5h://") : link,
        url() + query);
  }

  private String curl(String... args) {
    List<String> all = new ArrayList<>(List.of("-s", "--max-time", "3"));
    all.addAll(List.of(args));
    return Exec.stdout(curl, all.toArray(String[]::new)).out();
  }

  private void awaitListening(int port, Process p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        if (!p.isAlive()) {
          fail("client exited");
        }
        Thread.sleep(50);
      }
    }
    fail("client does not listen on " + port);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    for (Process p : clients) {
      p.destroyForcibly();
    }
    web.stop(0);
    rt.listManaged().stream().filter(c -> c.server() != null && c.server().endsWith(suffix))
        .forEach(c -> rt.remove(c.id()));
  }
}
