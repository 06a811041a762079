package dev.vpnmanager.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vpnmanager.config.Json;
import dev.vpnmanager.protocol.proxy.ProxyDriver;
import dev.vpnmanager.protocol.shadowsocks.ShadowsocksDriver;
import dev.vpnmanager.protocol.vless.SniProbe;
import dev.vpnmanager.protocol.vless.VlessDriver;
import dev.vpnmanager.testing.Peers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code apiSocket} in a server's settings every v2ray/Xray server config puts the API on that Unix socket (a
 * dokodemo-door inbound tagged api, network unix, routed to the api outbound ahead of the wall) and on no TCP
 * address; the real cores accept the result ({@code -test}).
 */
class ApiSocketConfigTest {
  static final String SOCKET = "/var/lib/vpn-manager/run/api-s1/api.sock";
  @TempDir Path dir;

  private static ServerSpec spec(String protocol, String core, String... more) {
    List<String> kv = new ArrayList<>(List.of("core", core, "apiPort", "10085", "listen", "0.0.0.0",
        "apiSocket", SOCKET));
    kv.addAll(List.of(more));
    return new ServerSpec("s1", protocol, "vpn.example.com", 8443, Credentials.of(kv.toArray(String[]::new)));
  }

  private static ServerSpec vless(String core) {
    return core.equals("v2ray") ? spec("vless", "v2ray") : spec("vless", "xray",
        "realityPrivateKey", "KSOVsMIJf-kq5JPMqYzZH_Rw0i6v318yILROkVd_eTY",
        "realityPublicKey", "XaENZ1K7Q_2rA00Yi1-czZaOsc-CXOmPsj4Kw5IlWQQ",
        "shortId", "6ba85179e30d4fc2", "sni", "www.microsoft.com", "dest", "www.microsoft.com:443",
        "fingerprint", "chrome", "flow", "xtls-rprx-vision");
  }

  private List<String> configs(String core) {
    List<String> out = new ArrayList<>();
    out.add(new VlessDriver(new SniProbe()).serverConfig(vless(core), List.of()).content());
    out.add(ProxyDriver.socks().serverConfig(spec("socks", core), List.of()).content());
    out.add(ProxyDriver.http().serverConfig(spec("http", core), List.of()).content());
    if (core.equals("v2ray")) {
      out.add(new ShadowsocksDriver().serverConfig(spec("shadowsocks", "v2ray", "method", "chacha20-ietf-poly1305",
          "userPorts", "8443-8999"), List.of()).content());
    }
    return out;
  }

  @Test
  void theApiIsOnTheSocketAndOnNoPort() throws Exception {
    for (String core : List.of("xray", "v2ray")) {
      for (String text : configs(core)) {
        JsonNode root = Json.MAPPER.readTree(text);
        assertFalse(root.path("api").has("listen"), text);
        JsonNode api = root.path("inbounds").get(0);
        assertEquals("api", api.path("tag").asText(), text);
        assertTrue(api.path("listen").asText().startsWith(SOCKET), text);
        assertFalse(api.has("port"), text);
        assertEquals("unix", api.path("settings").path("network").asText(), text);
        JsonNode first = root.path("routing").path("rules").get(0);
        assertEquals("api", first.path("inboundTag").get(0).asText(), text);
        assertEquals("api", first.path("outboundTag").asText(), text);
        assertFalse(text.contains(":10085") || text.contains("\"port\": 10085"), text);
      }
    }
  }

  @Test
  void xrayAcceptsThem() throws Exception {
    Path xray = Peers.goPeer("xray");
    for (String text : configs("xray")) {
      check(text.replace(SOCKET, dir.resolve("api.sock").toString()), xray.toString(), "run", "-test", "-c");
    }
  }

  @Test
  void v2rayAcceptsThem() throws Exception {
    Path v2ray = Peers.binary("v2ray", "v2ray");
    for (String text : configs("v2ray")) {
      check(text.replace(SOCKET, dir.resolve("api.sock").toString()), v2ray.toString(), "-test", "-config");
    }
  }

  private void check(String text, String... cmd) throws Exception {
    Path file = Files.createTempFile(dir, "config", ".json");
    Files.writeString(file, text);
    List<String> full = new ArrayList<>(List.of(cmd));
    full.add(file.toString());
    Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.exitValue(), out + "\n" + text);
  }
}
