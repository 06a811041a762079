package dev.vpnmanager.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.testing.DockerPeer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The servers commands through the real command line, on a real SQLite file and Docker engine. */
class ServersCliTest {
  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private Run run(Map<String, String> extraEnv, String... args) {
    Map<String, String> env = new HashMap<>(Map.of("VPN_DATA_DIR", dir.toString(), "VPN_PUBLIC_HOST",
        "vpn.example.test"));
    env.putAll(extraEnv);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = RootCommand.execute(args, env, new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Run run(String... args) {
    return run(Map.of(), args);
  }

  @Test
  void allowLanIsValidatedBeforeAnythingAndShownInStatus() {
    Run bad = run("servers", "install", "socks", "--name", "lan-bad", "--allow-lan", "localhost");
    assertEquals(2, bad.code(), bad.err());
    assertTrue(bad.err().contains("invalid network 'localhost'") && bad.err().lines().count() == 1, bad.err());
    assertEquals("(no servers)", run("servers", "list").out().lines().reduce((a, b) -> b).orElse(""));
    Run defined = run(Map.of("VPN_ALLOW_LAN", "192.168.7.9/24"), "users", "add", "bob", "--protocol", "socks");
    assertEquals(0, defined.code(), defined.err());
    Run status = run("servers", "status", "socks-1", "--format", "plain");
    assertTrue(status.out().contains("allowLan=192.168.7.0/24") && status.out().contains("blocked=0.0.0.0/8,"),
        status.out());
    Run badKey = run(Map.of("VPN_ALLOW_LAN", "10.0.0.0/99"), "users", "list");
    assertEquals(2, badKey.code(), badKey.err());
  }

  /** --core: checked before anything (one line, exit 2); the install reply and status name the core. */
  @Test
  void coreIsCheckedFirstAndNamedInTheReplyAndStatus() throws Exception {
    Run wg = run("servers", "install", "wireguard", "--core", "xray");
    assertEquals(2, wg.code(), wg.err());
    assertEquals("--core applies to http, shadowsocks, socks and vless servers, not wireguard",
        wg.err().strip().replaceFirst("^error: ", ""));
    Run bogus = run("servers", "install", "shadowsocks", "--core", "libev");
    assertEquals(2, bogus.code(), bogus.err());
    assertTrue(bogus.err().contains("unknown shadowsocks core 'libev': expected ss-libev, v2ray or xray")
        && bogus.err().lines().count() == 1, bogus.err());
    assertEquals("(no servers)", run("servers", "list").out().lines().reduce((a, b) -> b).orElse(""));

    var rt = DockerPeer.runtime();
    String image = DockerPeer.requireImage(rt, DockerPeer.XRAY);
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    String name = "ssx-" + java.util.UUID.randomUUID().toString().substring(0, 6);
    try {
      Run installed = run(Map.of("VPN_IMAGES_SHADOWSOCKS_XRAY", image, "VPN_FIREWALL_MODE", "off"), "servers",
          "install", "shadowsocks", "--core", "xray", "--name", name, "--port", Integer.toString(port));
      assertEquals(0, installed.code(), installed.err());
      assertTrue(installed.out().startsWith("installed " + name + " (shadowsocks on vpn.example.test:" + port
          + ", core xray): running"), installed.out());
      Run status = run("servers", "status", name, "--format", "plain");
      assertTrue(status.out().contains("core=xray"), status.out());
    } finally {
      rt.listManaged().stream().filter(c -> name.equals(c.server())).forEach(c -> rt.remove(c.id()));
    }
  }

  @Test
  void listStatusStopLogsRemoveOfADefinedServer() {
    DockerPeer.runtime();
    assertEquals("(no servers)", run("servers", "list").out().lines().reduce((a, b) -> b).orElse(""));
    assertEquals(0, run("users", "add", "bob", "--protocol", "vless").code());

    Run json = run("servers", "list", "--format", "json");
    assertEquals(0, json.code(), json.err());
    assertTrue(json.out().contains("\"name\" : \"vless-1\"") && json.out().contains("\"deployed\" : false")
        && json.out().contains("\"state\" : \"none\""), json.out());
    Run status = run("servers", "status", "vless-1", "--format", "plain");
    assertTrue(status.out().contains("host=vpn.example.test") && status.out().contains("state=none"), status.out());

    assertEquals(0, run("servers", "stop", "vless-1").code());
    Run logs = run("servers", "logs", "vless-1");
    assertEquals(1, logs.code());
    assertTrue(logs.err().contains("has no container"), logs.err());
    Run removed = run("servers", "remove", "vless-1");
    assertEquals(0, removed.code(), removed.err());
    assertTrue(removed.out().contains("stays for its 1 users"), removed.out());
  }

  @Test
  void unknownServersAndBadPortsAreUsageErrors() {
    DockerPeer.runtime();
    Run missing = run("servers", "status", "nope");
    assertEquals(2, missing.code());
    assertTrue(missing.err().startsWith("error: no server named 'nope'"), missing.err());
    assertEquals(2, run("servers", "install", "vless", "--port", "seventy").code());
    assertEquals(2, run("servers", "install", "carrier-pigeon").code());
  }

  @Test
  void withoutAnEngineTheListSaysUnknownAndActionsFailInOneLine() throws Exception {
    Map<String, String> noEngine = Map.of("VPN_DOCKER_HOST", "unix:///nonexistent/docker.sock");
    assertEquals(0, run(noEngine, "users", "add", "bob", "--protocol", "socks").code());
    String why = "Docker engine at unix:///nonexistent/docker.sock is not reachable";

    Run table = run(noEngine, "servers", "list");
    assertEquals(0, table.code(), table.err());
    assertEquals(1, table.err().lines().count(), table.err());
    assertTrue(table.err().startsWith("warning: container states unknown: " + why), table.err());
    java.util.List<String> lines = table.out().lines().toList();
    assertEquals(2, lines.size(), table.out());
    assertTrue(lines.get(1).matches("socks-1 +socks +vpn\\.example\\.test +\\d+ +local +unknown"), lines.get(1));

    Run json = run(noEngine, "servers", "list", "--format", "json");
    assertEquals(0, json.code(), json.err());
    com.fasterxml.jackson.databind.JsonNode row = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(json.out()).get(0);
    assertEquals("socks-1", row.get("name").asText());
    assertEquals("socks", row.get("protocol").asText());
    assertEquals("vpn.example.test", row.get("host").asText());
    assertTrue(row.get("port").asInt() > 0, json.out());
    assertFalse(row.get("deployed").asBoolean());
    assertEquals("unknown", row.get("state").asText());
    assertTrue(row.get("container").isNull() && row.get("health").isNull(), json.out());

    Run plain = run(noEngine, "servers", "list", "--format", "plain");
    assertTrue(plain.out().matches("socks-1\tsocks\tvpn\\.example\\.test\t\\d+\tunknown\tlocal\n"), plain.out());

    // what needs the engine still fails: one clear line, exit 1
    Run logs = run(noEngine, "servers", "logs", "socks-1");
    assertEquals(1, logs.code(), logs.err());
    assertEquals(1, logs.err().lines().count(), logs.err());
    assertTrue(logs.err().contains(why), logs.err());
  }

  @Test
  void sniIsForVlessOnlyAndABadOneWritesNothing() {
    Run ss = run("servers", "install", "shadowsocks", "--sni", "www.example.com");
    assertEquals(2, ss.code(), ss.err());
    assertTrue(ss.err().contains("--sni applies to vless servers only"), ss.err());
    DockerPeer.runtime();
    Map<String, String> images = new HashMap<>();
    System.getenv().forEach((k, v) -> {
      if (k.startsWith("VPN_IMAGES_")) {
        images.put(k, v);
      }
    });
    Run bad = run(images, "servers", "install", "vless", "--sni", "not a host!");
    assertEquals(2, bad.code(), bad.err());
    assertEquals(1, bad.err().lines().count(), bad.err());
    assertEquals("(no servers)", run("servers", "list").out().lines().reduce((a, b) -> b).orElse(""));
  }
}
