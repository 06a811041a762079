package dev.vpnmanager.protocol.wireguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WireguardDriverTest {
  final WireguardDriver driver = new WireguardDriver();

  @Test
  void clientConfigPairsWithTheServerConfig(@TempDir Path dir) {
    Path wg = Peers.binary("wg", "wireguard-tools");
    ServerSpec s = Fixtures.server(driver, "vpn.example.com", 51820, Map.of());
    List<UserSpec> users = Fixtures.users(driver, s, "alice", "bob");
    List<Map<String, String>> server = sections(driver.serverConfig(s, users).content());
    List<Map<String, String>> client = sections(driver.clientConfig(s, users.get(1)).link());
    assertEquals(3, server.size(), "interface + 2 peers");
    assertEquals(2, client.size());
    Map<String, String> bobPeer = server.get(2);
    Map<String, String> cIf = client.get(0);
    Map<String, String> cPeer = client.get(1);
    // the server knows bob by the public key of the private key in bob's file, with the same preshared key
    assertEquals(bobPeer.get("PublicKey"), pubkey(wg, cIf.get("PrivateKey")));
    assertEquals(bobPeer.get("PresharedKey"), cPeer.get("PresharedKey"));
    // bob's file names the server by the public key of the server's private key
    assertEquals(cPeer.get("PublicKey"), pubkey(wg, server.get(0).get("PrivateKey")));
    assertEquals("vpn.example.com:51820", cPeer.get("Endpoint"));
    assertEquals("25", cPeer.get("PersistentKeepalive"));
    assertEquals("1.1.1.1", cIf.get("DNS"));
    // addresses: bob's /32 is inside the server's subnet and is what the server routes to him
    AddressPool pool = AddressPool.parse("10.8.0.0/24");
    String bobAddress = cIf.get("Address").replace("/32", "");
    assertTrue(pool.contains(bobAddress));
    assertEquals(bobAddress + "/32", bobPeer.get("AllowedIPs"));
    assertEquals("10.8.0.1/24", server.get(0).get("Address"));
    assertNotEquals(server.get(1).get("AllowedIPs"), bobPeer.get("AllowedIPs"));
  }

  @Test
  void wgQuickStripsTheServerConfigToValidWgSyntax(@TempDir Path dir) throws Exception {
    Path wgQuick = Peers.binary("wg-quick", "wireguard-tools");
    Path wg = Peers.binary("wg", "wireguard-tools");
    ServerSpec s = Fixtures.server(driver, "vpn.example.com", 51820, Map.of());
    List<UserSpec> users = Fixtures.users(driver, s, "alice", "bob", "carol");
    for (String text : List.of(driver.serverConfig(s, users).content(), driver.clientConfig(s, users.get(0)).link())) {
      Path conf = dir.resolve("wgt0.conf");
      Files.writeString(conf, text);
      Exec.Result r = Exec.run(null, wgQuick, "strip", conf.toString());
      assertEquals(0, r.exit(), r.out());
      List<Map<String, String>> stripped = sections(r.out());
      // wg-quick keeps only what `wg setconf` accepts; every key in it must parse as a WireGuard key
      for (Map<String, String> section : stripped) {
        for (String k : List.of("PrivateKey", "PublicKey", "PresharedKey")) {
          if (section.containsKey(k)) {
            assertEquals(0, Exec.run(section.get(k) + "\n", wg, "pubkey").exit(), k + " " + section);
          }
        }
        assertFalse(section.containsKey("Address") || section.containsKey("DNS") || section.containsKey("MTU"));
      }
    }
    // and the check can fail: a broken key is refused by wg
    assertNotEquals(0, Exec.run("not-a-key\n", wg, "pubkey").exit());
  }

  @Test
  void exhaustedPoolIsAClearError() {
    ServerSpec s = new ServerSpec("wg", "wireguard", "h.example.com", 51820,
        driver.newServerSettings(Fixtures.random(1), new ServerDefaults("10.9.0.0/30", 51820, Map.of())));
    Credentials first = driver.newCredentials(new CredentialRequest(Fixtures.random(2), "a", s.settings(), Slots::of));
    assertEquals("10.9.0.2", first.get("address"));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> driver.newCredentials(
        new CredentialRequest(Fixtures.random(3), "b", s.settings(), () -> Slots.of("10.9.0.2"))));
    assertEquals("address pool 10.9.0.0/30 is exhausted: all 1 client addresses are in use", e.getMessage());
  }

  @Test
  void rotationKeepsTheAddressWithoutAllocating() {
    ServerSpec s = Fixtures.server(driver, "h.example.com", 51820, Map.of());
    UserSpec u = Fixtures.users(driver, s, "alice").get(0);
    Credentials fresh = driver.rotateCredentials(new CredentialRequest(Fixtures.random(8), "alice", s.settings(),
        () -> { throw new AssertionError("rotation must not allocate"); }), u.credentials());
    assertEquals(u.require("address"), fresh.get("address"));
    for (String k : List.of("privateKey", "publicKey", "presharedKey")) {
      assertNotEquals(u.require(k), fresh.get(k), k);
    }
    Credentials rotated = driver.rotateServerKeys(Fixtures.random(4), s.settings());
    assertNotEquals(s.settings().get("publicKey"), rotated.get("publicKey"));
    assertEquals(s.settings().get("subnet"), rotated.get("subnet"));
  }

  @Test
  void badSubnetsAreRefused() {
    for (String bad : List.of("10.8.0.0", "10.8.0.0/8", "10.8.0/24", "10.8.0.300/24", "x/24")) {
      assertThrows(InvalidInputException.class, () -> driver.newServerSettings(Fixtures.random(1),
          new ServerDefaults(bad, 51820, Map.of())), bad);
    }
  }

  static String pubkey(Path wg, String privateKey) {
    Exec.Result r = Exec.run(privateKey + "\n", wg, "pubkey");
    assertEquals(0, r.exit(), r.out());
    return r.out().trim();
  }

  /** INI sections in order, each as key -> value (later duplicates win; WireGuard files have none). */
  static List<Map<String, String>> sections(String text) {
    List<Map<String, String>> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      String l = line.strip();
      if (l.startsWith("[")) {
        out.add(new LinkedHashMap<>());
      } else if (!l.isEmpty() && !l.startsWith("#")) {
        String[] kv = l.split("=", 2);
        out.get(out.size() - 1).put(kv[0].strip(), kv[1].strip());
      }
    }
    return out;
  }
}
