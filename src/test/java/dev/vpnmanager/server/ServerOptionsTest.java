package dev.vpnmanager.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vpnmanager.config.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The HTTP face's http.* keys are not options of new HTTP proxy servers (they share the prefix). */
class ServerOptionsTest {
  @Test
  void httpFaceKeysDoNotLeakIntoHttpProxyServers() {
    Settings s = Settings.of(Map.of("http.listen", "127.0.0.1:0", "http.public-url", "https://vpn.example.test",
        "http.metrics-token", "t0ken"));
    assertEquals(Map.of("core", "xray"), ServerOptions.of(s, "http", Map.of()), "only proxy.* keys, none of http.*");
    assertEquals(Map.of("core", "xray", "listen", "10.0.0.1"),
        ServerOptions.of(s, "http", Map.of("listen", "10.0.0.1")));
  }
}
