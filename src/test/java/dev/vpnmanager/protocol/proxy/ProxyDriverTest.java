package dev.vpnmanager.protocol.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vpnmanager.protocol.CredentialRequest;
import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.protocol.Exec;
import dev.vpnmanager.protocol.Fixtures;
import dev.vpnmanager.protocol.ServerSpec;
import dev.vpnmanager.protocol.UserSpec;
import dev.vpnmanager.testing.Peers;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxyDriverTest {
  @Test
  void socksAndHttpConfigsLoadInRealXrayByDefault(@TempDir Path dir) throws Exception {
    Path xray = Peers.goPeer("xray");
    for (ProxyDriver d : List.of(ProxyDriver.socks(), ProxyDriver.http())) {
      ServerSpec s = Fixtures.server(d, "127.0.0.1", 21080, Map.of());
      assertEquals("xray", s.settings().get("core"));
      String content = d.serverConfig(s, Fixtures.users(d, s, "alice", "bob")).content();
      JsonNode root = new ObjectMapper().readTree(content);
      assertEquals("127.0.0.1:" + s.settings().get("apiPort"), root.path("api").path("listen").asText());
      JsonNode in = root.path("inbounds").get(0);
      assertEquals(d.id() + "-in", in.path("tag").asText());
      assertEquals("bob", in.path("settings").path("accounts").get(1).path("user").asText());
      Path config = dir.resolve(d.id() + ".json");
      Files.writeString(config, content);
      Exec.Result r = Exec.run(null, xray, "run", "-test", "-c", config.toString());
      assertEquals(0, r.exit(), d.id() + ": " + r.out());
    }
  }

  @Test
  void anHttpServerWithNoUserIsNotAnOpenProxy() throws Exception {
    // both cores skip authentication for an HTTP inbound without accounts: it gets one nobody is given
    ProxyDriver http = ProxyDriver.http();
    ServerSpec s = Fixtures.server(http, "127.0.0.1", 21080, Map.of());
    JsonNode first = new ObjectMapper().readTree(http.serverConfig(s, List.of()).content())
        .path("inbounds").get(0).path("settings").path("accounts");
    JsonNode second = new ObjectMapper().readTree(http.serverConfig(s, List.of()).content())
        .path("inbounds").get(0).path("settings").path("accounts");
    assertEquals(1, first.size());
    assertEquals(32, first.get(0).path("pass").asText().length());
    assertNotEquals(first.get(0).path("pass").asText(), second.get(0).path("pass").asText(), "random each time");
    ProxyDriver socks = ProxyDriver.socks();
    JsonNode socksIn = new ObjectMapper().readTree(socks.serverConfig(Fixtures.server(socks, "127.0.0.1", 21081,
        Map.of()), List.of()).content()).path("inbounds").get(0).path("settings");
    assertEquals("password", socksIn.path("auth").asText(), "SOCKS without accounts refuses everyone");
    assertEquals(0, socksIn.path("accounts").size());
  }

  @Test
  void socksAndHttpConfigsLoadInRealV2rayWithOneAccountPerUser(@TempDir Path dir) throws Exception {
    Path v2ray = Peers.binary("v2ray", "v2ray");
    for (ProxyDriver d : List.of(ProxyDriver.socks(), ProxyDriver.http())) {
      ServerSpec s = Fixtures.server(d, "127.0.0.1", 21080, Map.of("core", "v2ray"));
      List<UserSpec> users = Fixtures.users(d, s, "alice", "bob");
      String content = d.serverConfig(s, users).content();
      JsonNode in = new ObjectMapper().readTree(content).path("inbounds").get(1);
      assertEquals(d.id(), in.path("protocol").asText());
      assertEquals(d.id() + "-in", in.path("tag").asText());
      assertEquals("bob", in.path("settings").path("accounts").get(1).path("user").asText());
      Path config = dir.resolve(d.id() + ".json");
      Files.writeString(config, content);
      Exec.Result r = Exec.run(null, v2ray, "-test", "-config", config.toString());
      assertEquals(0, r.exit(), d.id() + ": " + r.out());
    }
  }

  @Test
  void linksParseBackToTheAccount() {
    for (ProxyDriver d : List.of(ProxyDriver.socks(), ProxyDriver.http())) {
      ServerSpec s = Fixtures.server(d, "2001:db8::7", 3128, Map.of());
      UserSpec u = Fixtures.users(d, s, "alice").get(0);
      URI link = URI.create(d.clientConfig(s, u).link());
      assertEquals(d.id().equals("socks") ? "socks5" : "http", link.getScheme());
      assertEquals("alice:" + u.require("password"), link.getUserInfo());
      assertEquals("[2001:db8::7]", link.getHost());
      assertEquals(3128, link.getPort());
      Credentials fresh = d.rotateCredentials(new CredentialRequest(Fixtures.random(5), "alice", s.settings(),
          dev.vpnmanager.protocol.Slots::of), u.credentials());
      assertEquals("alice", fresh.get("username"));
      assertNotEquals(u.require("password"), fresh.get("password"));
    }
  }
}
