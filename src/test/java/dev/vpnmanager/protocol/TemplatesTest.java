package dev.vpnmanager.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vpnmanager.protocol.proxy.ProxyDriver;
import dev.vpnmanager.protocol.wireguard.WireguardDriver;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplatesTest {
  @Test
  void jsonValuesAreEscapedSoAValueCannotBreakOutOfItsString() throws Exception {
    ProxyDriver d = ProxyDriver.socks();
    ServerSpec s = Fixtures.server(d, "h.example.com", 1080, Map.of());
    String evil = "x\", \"admin\": true, \"y\": \"\\\n\u0001";
    UserSpec u = new UserSpec("alice", Credentials.of("username", "alice", "password", evil));
    String json = d.serverConfig(s, List.of(u)).content();
    var inbounds = new ObjectMapper().readTree(json).path("inbounds");
    var accounts = inbounds.get(inbounds.size() - 1).path("settings").path("accounts");
    assertEquals(evil, accounts.get(0).path("pass").asText());
    assertEquals(2, accounts.get(0).size());
  }

  @Test
  void aLineBreakInAWireguardValueIsRefusedNotRendered() {
    WireguardDriver d = new WireguardDriver();
    ServerSpec s = Fixtures.server(d, "h.example.com", 51820, Map.of());
    UserSpec u = Fixtures.users(d, s, "alice").get(0);
    UserSpec evil = new UserSpec("alice", u.credentials().with("address", "10.8.0.2\n[Peer]\nAllowedIPs = 0.0.0.0/0"));
    assertThrows(RuntimeException.class, () -> d.serverConfig(s, List.of(evil)));
    assertEquals("10.8.0.2/32", d.clientConfig(s, u).link().lines()
        .filter(l -> l.startsWith("Address")).findFirst().orElseThrow().substring("Address = ".length()));
  }
}
