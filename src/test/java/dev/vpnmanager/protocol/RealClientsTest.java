package dev.vpnmanager.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.net.httpserver.HttpServer;
import dev.vpnmanager.protocol.proxy.ProxyDriver;
import dev.vpnmanager.protocol.shadowsocks.ShadowsocksDriver;
import dev.vpnmanager.protocol.vless.SniProbe;
import dev.vpnmanager.protocol.vless.VlessDriver;
import dev.vpnmanager.testing.Peers;
import dev.vpnmanager.testing.TestNet;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rendered server config run by the real server, the rendered client config (or link) used by a real
 * client, and a page fetched through them from a local web server; a wrong secret is refused.
 */
class RealClientsTest {
  @TempDir Path dir;
  HttpServer web;
  final List<Process> started = new ArrayList<>();

  @BeforeEach
  void web() throws IOException {
    // not on loopback: the rendered server configs block the host's loopback and private ranges
    web = HttpServer.create(new InetSocketAddress(TestNet.address(), 0), 0);
    web.createContext("/", ex -> {
      byte[] body = "hello through the tunnel".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    web.start();
  }

  @AfterEach
  void stop() throws InterruptedException {
    for (Process p : started) {
      p.destroy();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    web.stop(0);
  }

  @Test
  void vlessOnTheV2rayCoreCarriesTrafficForTheRenderedClientConfig() throws Exception {
    Path v2ray = Peers.binary("v2ray", "v2ray");
    Path curl = Peers.binary("curl", "curl");
    VlessDriver d = new VlessDriver(new SniProbe());
    ServerSpec s = Fixtures.server(d, "127.0.0.1", freePort(), Map.of("core", "v2ray", "listen", "127.0.0.1",
        "apiPort", Integer.toString(freePort())));
    List<UserSpec> users = Fixtures.users(d, s, "alice", "bob");
    start("server", s.port(), v2ray, "-config", write("server.json", d.serverConfig(s, users).content()));
    int socks = freePort();
    String client = d.clientConfig(s, users.get(1)).fileText()
        .replace("\"port\": " + VlessDriver.CLIENT_SOCKS_PORT, "\"port\": " + socks);
    start("client", socks, v2ray, "-config", write("client.json", client));
    assertEquals("hello through the tunnel", fetch(curl, "--socks5-hostname", "127.0.0.1:" + socks));

    UserSpec stranger = new UserSpec("eve", Credentials.of("uuid", "11111111-2222-4333-8444-555555555555"));
    int socks2 = freePort();
    start("stranger", socks2, v2ray, "-config", write("stranger.json", d.clientConfig(s, stranger).fileText()
        .replace("\"port\": " + VlessDriver.CLIENT_SOCKS_PORT, "\"port\": " + socks2)));
    assertNotEquals("hello through the tunnel", fetch(curl, "--socks5-hostname", "127.0.0.1:" + socks2));
  }

  @Test
  void shadowsocksManagerServesTheRenderedClientConfigOfEachUser() throws Exception {
    Path manager = Peers.binary("ss-manager", "shadowsocks-libev");
    Path local = Peers.binary("ss-local", "shadowsocks-libev");
    Path curl = Peers.binary("curl", "curl");
    ShadowsocksDriver d = new ShadowsocksDriver();
    int base = freePort();
    ServerSpec s = Fixtures.server(d, "127.0.0.1", base, Map.of("listen", "127.0.0.1"));
    UserSpec alice = Fixtures.users(d, s, "alice").get(0);
    start("ss-manager", base, manager, "-c", write("manager.json", d.serverConfig(s, List.of(alice)).content()),
        "--manager-address", "127.0.0.1:" + freePort());
    int socks = freePort();
    start("ss-local", socks, local, "-c", write("local.json", d.clientConfig(s, alice).fileText()
        .replace("\"local_port\": 1080", "\"local_port\": " + socks)));
    assertEquals("hello through the tunnel", fetch(curl, "--socks5-hostname", "127.0.0.1:" + socks));
  }

  @Test
  void socksAndHttpProxyLinksWorkWithCurlAndAWrongPasswordIsRefused() throws Exception {
    Path v2ray = Peers.binary("v2ray", "v2ray");
    Path curl = Peers.binary("curl", "curl");
    for (ProxyDriver d : List.of(ProxyDriver.socks(), ProxyDriver.http())) {
      ServerSpec s = Fixtures.server(d, "127.0.0.1", freePort(), Map.of("listen", "127.0.0.1",
          "apiPort", Integer.toString(freePort())));
      List<UserSpec> users = Fixtures.users(d, s, "alice", "bob");
      start(d.id(), s.port(), v2ray, "-config", write(d.id() + ".json", d.serverConfig(s, users).content()));
      String link = d.clientConfig(s, users.get(0)).link();
      String proxy = d.id().equals("socks") ? link.replace("socks5://", "socks5h://") : link;
      assertEquals("hello through the tunnel", fetch(curl, "--proxy", proxy), d.id());
      String wrong = proxy.replace(users.get(0).require("password"), "wrong-password");
      assertNotEquals("hello through the tunnel", fetch(curl, "--proxy", wrong), d.id());
    }
  }

  private String fetch(Path curl, String... proxyArgs) {
    List<String> args = new ArrayList<>(List.of("-s", "--max-time", "5"));
    args.addAll(List.of(proxyArgs));
    args.add("http://" + TestNet.address() + ":" + web.getAddress().getPort() + "/");
    return Exec.stdout(curl, args.toArray(String[]::new)).out();
  }

  private String write(String name, String content) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, content);
    return f.toString();
  }

  private void start(String name, int port, Path binary, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(binary.toString()));
    cmd.addAll(List.of(args));
    Path log = dir.resolve(name + ".log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    started.add(p);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (Socket sock = new Socket()) {
        sock.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        if (!p.isAlive()) {
          fail(name + " exited: " + Files.readString(log));
        }
        Thread.sleep(50);
      }
    }
    fail(name + " does not listen on " + port + ": " + Files.readString(log));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
