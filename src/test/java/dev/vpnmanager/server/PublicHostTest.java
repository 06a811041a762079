package dev.vpnmanager.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.vpnmanager.config.ConfigException;
import dev.vpnmanager.config.Settings;
import dev.vpnmanager.config.SettingsLoader;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The public address from echo URLs, against a local echo server on loopback only. */
class PublicHostTest {
  HttpServer echo;
  final List<String> asked = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    echo = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    answer("/ip", 200, "203.0.113.7\n");
    answer("/v6", 200, "2001:db8::7");
    answer("/html", 200, "<html>your ip is 203.0.113.7</html>");
    answer("/name", 200, "example.org");
    answer("/bad-octet", 200, "203.0.113.999");
    answer("/down", 503, "try later");
    echo.start();
  }

  @AfterEach
  void stop() {
    echo.stop(0);
  }

  private void answer(String path, int status, String body) {
    echo.createContext(path, ex -> {
      asked.add(path);
      byte[] b = body.getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(status, b.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(b);
      }
    });
  }

  private String url(String path) {
    return "http://127.0.0.1:" + echo.getAddress().getPort() + path;
  }

  private static Settings settings(String probeUrls, String publicHost) {
    Map<String, String> o = new HashMap<>();
    o.put("public-host.probe-urls", probeUrls);
    o.put("public-host", publicHost);
    return new SettingsLoader(Map.of()).load(null, o);
  }

  @Test
  void theFirstEchoThatAnswersAnAddressWinsAndIsKept() {
    PublicHost h = new PublicHost(settings(String.join(",", url("/down"), url("/html"), url("/name"),
        url("/bad-octet"), url("/ip"), url("/v6")), ""));
    PublicHost.Detected d = h.detected();
    assertEquals("203.0.113.7", d.address());
    assertEquals(url("/ip"), d.source());
    assertEquals(List.of("/down", "/html", "/name", "/bad-octet", "/ip"), asked, "asked in order, up to the first answer");
    assertEquals("203.0.113.7", h.get());
    assertEquals(5, asked.size(), "kept: not asked again");
  }

  @Test
  void anIpv6AnswerCounts() {
    assertEquals("2001:db8::7", new PublicHost(settings(url("/v6"), "")).get());
  }

  @Test
  void withNoAnswerOrNoUrlsTheInterfaceAddressIsUsedAndAConfiguredHostWinsOverAll() {
    PublicHost failing = new PublicHost(settings(url("/down") + "," + "http://127.0.0.1:1/nothing", ""));
    assertEquals(PublicHost.detect(), failing.get());
    assertEquals("the first interface address", failing.detected().source());
    assertEquals(PublicHost.detect(), new PublicHost(settings("", "")).get());
    asked.clear();
    PublicHost set = new PublicHost(settings(url("/ip"), "vpn.example.org"));
    assertEquals("vpn.example.org", set.get());
    assertEquals(List.of(), asked, "a configured host is never probed");
  }

  @Test
  void probeUrlsMustBeHttpUrls() {
    assertThrows(ConfigException.class, () -> settings("ftp://127.0.0.1/ip", ""));
  }

  @Test
  void privateAddressesAreTold() {
    for (String a : List.of("10.0.0.4", "172.16.5.1", "172.31.255.1", "192.168.1.10", "100.64.0.1", "127.0.0.1",
        "169.254.1.1", "fd00::1", "[fe80::1]", "localhost")) {
      assertTrue(PublicHost.isPrivate(a), a);
    }
    for (String a : List.of("203.0.113.7", "172.32.0.1", "100.128.0.1", "8.8.8.8", "2001:db8::7", "vpn.example.org",
        "300.1.1.1")) {
      assertFalse(PublicHost.isPrivate(a), a);
    }
  }
}
