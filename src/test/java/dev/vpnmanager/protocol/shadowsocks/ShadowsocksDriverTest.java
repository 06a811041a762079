package dev.vpnmanager.protocol.shadowsocks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.protocol.Slots;
import dev.vpnmanager.protocol.CredentialRequest;
import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.protocol.Exec;
import dev.vpnmanager.protocol.Fixtures;
import dev.vpnmanager.protocol.ServerDefaults;
import dev.vpnmanager.protocol.ServerSpec;
import dev.vpnmanager.protocol.UserSpec;
import dev.vpnmanager.testing.Peers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShadowsocksDriverTest {
  final ShadowsocksDriver driver = new ShadowsocksDriver();

  @Test
  void eachUserGetsTheirOwnPortAndTheLinkIsSip002() {
    ServerSpec s = Fixtures.server(driver, "vpn.example.com", 8388, Map.of());
    List<UserSpec> users = Fixtures.users(driver, s, "alice", "bob");
    assertEquals("8388", users.get(0).require("port"));
    assertEquals("8389", users.get(1).require("port"));
    URI link = URI.create(driver.clientConfig(s, users.get(1)).link());
    assertEquals("ss", link.getScheme());
    assertEquals("vpn.example.com", link.getHost());
    assertEquals(8389, link.getPort());
    assertEquals("bob", link.getFragment());
    String userInfo = new String(Base64.getUrlDecoder().decode(link.getRawUserInfo()), StandardCharsets.UTF_8);
    assertEquals("chacha20-ietf-poly1305:" + users.get(1).require("password"), userInfo);
  }

  /**
   * The xray core: every user is a client (own password, the server's cipher) of one inbound on the server's port,
   * so the link and the client config dial the server's port; the config loads in the real Xray for each cipher.
   */
  @Test
  void onTheXrayCoreEveryUserSharesTheServersPortInOneInbound(@TempDir Path dir) throws Exception {
    Path xray = Peers.goPeer("xray");
    for (String method : List.of("chacha20-ietf-poly1305", "aes-256-gcm", "aes-128-gcm")) {
      ServerSpec s = Fixtures.server(driver, "vpn.example.com", 8443, Map.of("core", "xray", "method", method));
      assertEquals(null, s.settings().get("userPorts"), "no per-user ports on the xray core");
      List<UserSpec> users = Fixtures.users(driver, s, "alice", "bob");
      assertEquals(null, users.get(1).credentials().get("port"), "a password alone");
      URI link = URI.create(driver.clientConfig(s, users.get(1)).link());
      assertEquals(8443, link.getPort(), "the server's own port");
      assertEquals(method + ":" + users.get(1).require("password"),
          new String(Base64.getUrlDecoder().decode(link.getRawUserInfo()), StandardCharsets.UTF_8));
      JsonNode client = new ObjectMapper().readTree(driver.clientConfig(s, users.get(1)).fileText());
      assertEquals(8443, client.path("server_port").asInt());
      var config = driver.serverConfig(s, users);
      assertEquals("xray", config.core());
      JsonNode in = new ObjectMapper().readTree(config.content()).path("inbounds").get(0);
      assertEquals(ShadowsocksDriver.XRAY_INBOUND_TAG, in.path("tag").asText());
      assertEquals(8443, in.path("port").asInt());
      assertEquals("bob", in.path("settings").path("clients").get(1).path("email").asText());
      assertEquals(users.get(1).require("password"), in.path("settings").path("clients").get(1).path("password")
          .asText());
      assertEquals(method, in.path("settings").path("clients").get(1).path("method").asText());
      Path file = dir.resolve(method + ".json");
      Files.writeString(file, config.content());
      Exec.Result r = Exec.run(null, xray, "run", "-test", "-c", file.toString());
      assertEquals(0, r.exit(), method + ": " + r.out());
      Files.writeString(file, driver.serverConfig(s, List.of()).content());
      assertEquals(0, Exec.run(null, xray, "run", "-test", "-c", file.toString()).exit(), "no users yet");
    }
    // an imported row brings a password alone: a per-user port means nothing on the xray core
    ServerSpec s = Fixtures.server(driver, "vpn.example.com", 8443, Map.of("core", "xray"));
    driver.checkImported(s, "carol", Credentials.of("password", "an-imported-password-123"));
    assertThrows(InvalidInputException.class, () -> driver.checkImported(s, "carol",
        Credentials.of("password", "an-imported-password-123", "port", "9000")));
  }

  @Test
  void ssManagerLoadsTheRenderedConfigAndListensOnEveryUserPort(@TempDir Path dir) throws Exception {
    Path manager = Peers.binary("ss-manager", "shadowsocks-libev");
    Peers.binary("ss-server", "shadowsocks-libev");
    int base = freePortRun(3);
    ServerSpec s = Fixtures.server(driver, "127.0.0.1", base, Map.of("listen", "127.0.0.1", "method", "aes-256-gcm"));
    List<UserSpec> users = Fixtures.users(driver, s, "alice", "bob", "carol");
    Path config = dir.resolve("config.json");
    Files.writeString(config, driver.serverConfig(s, users).content());
    JsonNode json = new ObjectMapper().readTree(config.toFile());
    assertEquals("aes-256-gcm", json.path("method").asText());
    assertEquals(users.get(2).require("password"), json.path("port_password").path(users.get(2).require("port")).asText());
    int managerPort = freePortRun(1);
    Process p = new ProcessBuilder(manager.toString(), "-c", config.toString(),
        "--manager-address", "127.0.0.1:" + managerPort).redirectErrorStream(true)
        .redirectOutput(dir.resolve("ss-manager.log").toFile()).start();
    try {
      for (UserSpec u : users) {
        awaitListening(Integer.parseInt(u.require("port")), p, dir);
      }
    } finally {
      p.destroy();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  @Test
  void v2rayCoreRendersOneInboundPerUserAndV2rayLoadsIt(@TempDir Path dir) throws Exception {
    Path v2ray = Peers.binary("v2ray", "v2ray");
    ServerSpec s = Fixtures.server(driver, "127.0.0.1", 28388, Map.of("core", "v2ray"));
    List<UserSpec> users = Fixtures.users(driver, s, "alice", "bob");
    String content = driver.serverConfig(s, users).content();
    JsonNode in = new ObjectMapper().readTree(content).path("inbounds");
    assertEquals(3, in.size());
    assertEquals("ss-alice", in.get(1).path("tag").asText());
    assertEquals(28389, in.get(2).path("port").asInt());
    Path config = dir.resolve("config.json");
    Files.writeString(config, content);
    Exec.Result r = Exec.run(null, v2ray, "-test", "-config", config.toString());
    assertEquals(0, r.exit(), r.out());
    Files.writeString(config, driver.serverConfig(s, List.of()).content());
    assertEquals(0, Exec.run(null, v2ray, "-test", "-config", config.toString()).exit(), "no users");
  }

  @Test
  void badInputIsRefused() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> driver.newServerSettings(
        Fixtures.random(1), new ServerDefaults("10.8.0.0/24", 8388, Map.of("method", "rc4-md5"))));
    assertTrue(e.getMessage().startsWith("unknown shadowsocks method 'rc4-md5'"), e.getMessage());
    assertThrows(InvalidInputException.class, () -> driver.newServerSettings(Fixtures.random(1),
        new ServerDefaults("10.8.0.0/24", 70000, Map.of())));
    assertThrows(InvalidInputException.class, () -> driver.newServerSettings(Fixtures.random(1),
        new ServerDefaults("10.8.0.0/24", 8388, Map.of("core", "outline"))));
  }

  @Test
  void portPoolExhaustionIsAClearError() {
    ServerSpec s = Fixtures.server(driver, "h.example.com", 65534, Map.of());
    assertEquals("65534-65535", s.settings().get("userPorts"));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> driver.newCredentials(
        new CredentialRequest(Fixtures.random(1), "x", s.settings(), () -> Slots.of("65534", "65535"))));
    assertTrue(e.getMessage().contains("exhausted"), e.getMessage());
  }

  @Test
  void rotationKeepsThePortAndChangesThePassword() {
    ServerSpec s = Fixtures.server(driver, "h.example.com", 8388, Map.of());
    UserSpec u = Fixtures.users(driver, s, "alice").get(0);
    Credentials fresh = driver.rotateCredentials(new CredentialRequest(Fixtures.random(77), "alice",
        s.settings(), () -> { throw new AssertionError("rotation must not allocate"); }), u.credentials());
    assertEquals(u.require("port"), fresh.get("port"));
    assertNotEquals(u.require("password"), fresh.get("password"));
    assertThrows(InvalidInputException.class, () -> driver.rotateServerKeys(Fixtures.random(1), s.settings()));
  }

  /** The first of n consecutive free loopback ports. */
  static int freePortRun(int n) throws IOException {
    for (int attempt = 0; attempt < 50; attempt++) {
      int first;
      try (ServerSocket probe = new ServerSocket(0)) {
        first = probe.getLocalPort();
      }
      boolean ok = first + n <= 65535;
      for (int i = 0; ok && i < n; i++) {
        try (ServerSocket t = new ServerSocket(first + i, 1, java.net.InetAddress.getLoopbackAddress())) {
          ok = true;
        } catch (IOException taken) {
          ok = false;
        }
      }
      if (ok) {
        return first;
      }
    }
    throw new IOException("no run of " + n + " free ports");
  }

  static void awaitListening(int port, Process p, Path dir) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        if (!p.isAlive()) {
          fail("ss-manager exited: " + Files.readString(dir.resolve("ss-manager.log")));
        }
        Thread.sleep(100);
      }
    }
    fail("nothing listens on " + port + ": " + Files.readString(dir.resolve("ss-manager.log")));
  }
}
