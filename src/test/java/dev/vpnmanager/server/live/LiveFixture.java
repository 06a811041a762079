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
 * non-private address ({@link TestNet}; the server containers use the host's network and block the host's
 * loopback and private ranges), and real clients: v2ray or Xray with a socks inbound, sing-box, curl (and in the
 * Shadowsocks and WireGuard tests ss-local and a WireGuard client container). Every change the tests make goes
 * the production way: UserService, event, LiveSync, the server's API; counters through the traffic collector.
 */
final class LiveFixture implements AutoCloseable {
  static final String HELLO = "hello through the tunnel";
  final Path dir;
  final ContainerRuntime rt;
  final AppComponent app;
  final String suffix = UUID.randomUUID().toString().substring(0, 6);
  final HttpServer web;
  final String webHost;
  /** The client binary for VLESS: v2ray (v2ray core) or xray (Xray core). */
  final Path v2ray;
  final Path curl;
  final boolean xray;
  /** Xray core: the Reality dest, a local TLS 1.3 server answering for {@link RealityDest#SNI}. */
  final RealityDest dest;
  /** Who fetched a page from the web server, by source address (a tunnel's server shows as itself). */
  final List<String> callers = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final List<Process> clients = new ArrayList<>();

  private enum Kind { V2RAY, XRAY, SHADOWSOCKS, WIREGUARD }

  /** The v2ray 4.x core for VLESS, HTTP and SOCKS (Debian's v2ray in the stand-in image). */
  LiveFixture(Path dir, Clock clock, Map<String, String> extra) throws IOException {
    this(dir, clock, extra, Kind.V2RAY);
  }

  /** The production defaults: the Xray image (no shell, uid 65532) for VLESS+REALITY, HTTP and SOCKS. */
  static LiveFixture xray(Path dir, Clock clock, Map<String, String> extra) throws IOException {
    return new LiveFixture(dir, clock, extra, Kind.XRAY);
  }

  /** ss-libev (ss-manager) servers from the Shadowsocks test image; clients are ss-local ({@link SsLocal}). */
  static LiveFixture shadowsocks(Path dir, Clock clock, Map<String, String> extra) throws IOException {
    return new LiveFixture(dir, clock, extra, Kind.SHADOWSOCKS);
  }

  /** wireguard-go servers from the WireGuard test image; clients are containers ({@link WgClient}). */
  static LiveFixture wireguard(Path dir, Clock clock, Map<String, String> extra) throws IOException {
    return new LiveFixture(dir, clock, extra, Kind.WIREGUARD);
  }

  private LiveFixture(Path dir, Clock clock, Map<String, String> extra, Kind kind) throws IOException {
    this.dir = dir;
    this.xray = kind == Kind.XRAY;
    rt = DockerPeer.runtime();
    boolean vless = kind == Kind.V2RAY || kind == Kind.XRAY;
    Map<String, String> overrides = new HashMap<>();
    if (vless) {
      String image = DockerPeer.requireImage(rt, xray ? DockerPeer.XRAY : DockerPeer.V2RAY);
      overrides.putAll(Map.of("images.vless", image, "images.http", image, "images.socks", image));
    } else if (kind == Kind.SHADOWSOCKS) {
      overrides.put("images.shadowsocks", DockerPeer.requireImage(rt, DockerPeer.SHADOWSOCKS));
    } else {
      overrides.put("images.wireguard", DockerPeer.requireImage(rt, DockerPeer.WIREGUARD));
      DockerPeer.requireImage(rt, DockerPeer.WIREGUARD_CLIENT);
    }
    v2ray = !vless ? null : xray ? Peers.goPeer("xray") : Peers.binary("v2ray", "v2ray");
    curl = Peers.binary("curl", "curl");
    dest = xray ? RealityDest.start(dir) : null;
    Path script = dir.resolve("firewall.sh");
    Files.writeString(script, "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    overrides.putAll(Map.of("firewall.script", script.toString(), "public-host", "127.0.0.1",
        "port-range", "43000-43999"));
    if (xray) {
      overrides.putAll(Map.of("vless.sni", RealityDest.SNI, "vless.dest", dest.address(), "vless.sni-check", "false"));
    } else if (kind == Kind.V2RAY) {
      overrides.putAll(Map.of("vless.core", "v2ray", "proxy.core", "v2ray"));
    }
    overrides.putAll(extra);
    app = TestApp.create(dir.resolve("data"), clock, overrides);
    // not on loopback: the servers block the host's loopback and private ranges by design
    webHost = TestNet.address();
    web = HttpServer.create(new InetSocketAddress(webHost, 0), 0);
    web.createContext("/", ex -> {
      callers.add(ex.getRemoteAddress().getAddress().getHostAddress());
      String q = ex.getRequestURI().getQuery();
      byte[] body = q != null && q.startsWith("bytes=") ? new byte[Integer.parseInt(q.substring(6))]
          : HELLO.getBytes(StandardCharsets.UTF_8);
      if (q != null) {
        // Xray splices raw TCP (SOCKS) and counts a spliced connection when it ends: bulk fetches end theirs
        ex.getResponseHeaders().set("Connection", "close");
      }
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
    return install(protocol, freePort());
  }

  String install(String protocol, int port) {
    String name = protocol + "-" + suffix;
    app.serverContainers().install(Actor.cli(), protocol, name, port);
    return name;
  }

  /** Installs a new server with definition options ({@code allowLan} ...) under a name of its own. */
  String install(String protocol, String tag, Map<String, String> options) throws IOException {
    String name = protocol + tag + "-" + suffix;
    app.serverContainers().install(Actor.cli(), protocol, name, freePort(), options);
    return name;
  }

  /** A port below 1024 free on the host (a non-root process could not bind it on the host's network). */
  static int freePrivilegedPort() throws IOException {
    for (int p = 600 + (int) (Math.random() * 300); p < 1000; p++) {
      try (ServerSocket s = new ServerSocket(p)) {
        return p;
      } catch (IOException taken) {
        // next
      }
    }
    throw new IOException("no free port from 600 to 999");
  }

  String containerId(String server) {
    return app.servers().require(server).getContainerId();
  }

  void user(String name, String server, long limitBytes) {
    app.users().add(Actor.cli(), new NewUser(name, app.servers().require(server).getProtocol(), server,
        limitBytes, null, null, null));
  }

  /**
   * Starts the core's own client (v2ray, or Xray) from exactly the config file the user is sent (only its local
   * socks port moved).
   */
  int vlessClient(String user) throws Exception {
    UserConfig c = app.configDelivery().configFor(user);
    int socks = freePort();
    String text = new String(c.file(), StandardCharsets.UTF_8)
        .replace("\"port\": " + VlessDriver.CLIENT_SOCKS_PORT, "\"port\": " + socks);
    Path f = dir.resolve(user + "-" + socks + ".json");
    Files.writeString(f, text);
    List<String> cmd = xray ? List.of(v2ray.toString(), "run", "-c", f.toString())
        : List.of(v2ray.toString(), "-config", f.toString());
    return startClient(cmd, user + "-" + socks, socks);
  }

  /** Starts sing-box from the user's vless:// link alone (what an app imports), with a local socks inbound. */
  int singBoxClient(String user) throws Exception {
    Path singBox = Peers.goPeer("sing-box");
    int socks = freePort();
    Path f = dir.resolve(user + "-" + socks + "-sing-box.json");
    Files.writeString(f, SingBoxConfig.fromVlessLink(app.configDelivery().configFor(user).link(), socks));
    return startClient(List.of(singBox.toString(), "run", "-c", f.toString()), user + "-" + socks + "-sing-box",
        socks);
  }

  private int startClient(List<String> cmd, String logName, int socks) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve(logName + ".log").toFile()).start();
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
    if (dest != null) {
      dest.close();
    }
    web.stop(0);
    rt.listManaged().stream().filter(c -> c.server() != null && c.server().endsWith(suffix)).forEach(c -> {
      try {
        Files.writeString(dir.resolve(c.server() + ".container.log"), rt.logs(c.id(), 300));
      } catch (IOException | RuntimeException e) {
        // the logs only help a failure's diagnosis
      }
      rt.remove(c.id());
    });
  }
}
