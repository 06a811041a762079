package dev.vpnmanager.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.vpnmanager.config.SettingsLoader;
import dev.vpnmanager.server.PublicHost;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Doctor warns when client configs would point at a private address. */
class PublicHostCheckTest {
  private static PublicHost host(String publicHost, String probeUrls) {
    return new PublicHost(new SettingsLoader(Map.of()).load(null,
        Map.of("public-host", publicHost, "public-host.probe-urls", probeUrls)));
  }

  @Test
  void privateAddressesWarnPublicOnesPass() throws Exception {
    Check natted = Doctor.publicHost(host("10.0.0.4", ""));
    assertEquals(Check.Status.WARN, natted.status(), natted.line());
    assertTrue(natted.detail().contains("10.0.0.4") && natted.detail().contains("public-host.probe-urls"), natted.line());

    HttpServer echo = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    echo.createContext("/", ex -> {
      byte[] b = "198.51.100.20".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, b.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(b);
      }
    });
    echo.start();
    try {
      String url = "http://127.0.0.1:" + echo.getAddress().getPort() + "/";
      Check probed = Doctor.publicHost(host("", url));
      assertEquals(Check.Status.OK, probed.status(), probed.line());
      assertTrue(probed.detail().contains("198.51.100.20 (from " + url + ")"), probed.line());
    } finally {
      echo.stop(0);
    }
  }
}
