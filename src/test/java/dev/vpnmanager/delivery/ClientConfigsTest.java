package dev.vpnmanager.delivery;

import dev.vpnmanager.protocol.Exec;
import dev.vpnmanager.testing.Peers;
import dev.vpnmanager.user.UserFiles;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.common.NotFoundException;
import dev.vpnmanager.domain.AuditEntry;
import dev.vpnmanager.domain.VpnServer;
import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.user.NewUser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientConfigsTest {
  static final Actor ADMIN = Actor.cli();

  static void add(AppComponent app, String name, String protocol) {
    app.users().add(ADMIN, new NewUser(name, protocol, null, 0, null, null, null));
  }

  @Test
  void everyProtocolHasALinkAFileAndAQrCodeFromTheDatabase(@TempDir Path dir) {
    AppComponent app = TestApp.create(dir);
    Map<String, String> prefixes = Map.of("vless", "vless://", "shadowsocks", "ss://", "wireguard", "[Interface]",
        "http", "http://", "socks", "socks5://");
    prefixes.forEach((protocol, prefix) -> add(app, "u-" + protocol, protocol));
    prefixes.forEach((protocol, prefix) -> {
      UserConfig c = app.configDelivery().configFor("u-" + protocol);
      assertTrue(c.link().startsWith(prefix), c.link());
      assertTrue(c.link().contains("vpn.example.test"), c.link());
      assertTrue(c.qrPng().length > 100);
      assertTrue(c.file().length > 0);
    });
    UserConfig wg = app.configDelivery().configFor("u-wireguard");
    assertEquals("u-wireguard.conf", wg.fileName());
    assertArrayEquals(wg.link().getBytes(StandardCharsets.UTF_8), wg.file());
    assertThrows(NotFoundException.class, () -> app.configDelivery().configFor("nobody"));
  }

  @Test
  void rotationInvalidatesTheOldConfigAndWireguardKeepsItsAddress(@TempDir Path dir) {
    AppComponent app = TestApp.create(dir);
    for (String p : List.of("vless", "shadowsocks", "wireguard", "socks")) {
      add(app, "r-" + p, p);
      Credentials before = Credentials.fromJson(app.userQueries().require("r-" + p).getCredentials());
      String oldLink = app.configDelivery().configFor("r-" + p).link();
      app.users().rotate(ADMIN, "r-" + p);
      Credentials after = Credentials.fromJson(app.userQueries().require("r-" + p).getCredentials());
      assertNotEquals(oldLink, app.configDelivery().configFor("r-" + p).link(), p);
      assertEquals(before.get("address"), after.get("address"), p);
      assertEquals(before.get("port"), after.get("port"), p);
    }
  }

  @Test
  void rotatingAnUnknownUserIsAClearErrorAndChangesNothing(@TempDir Path dir) {
    AppComponent app = TestApp.create(dir);
    add(app, "alice", "vless");
    int audits = app.database().find(AuditEntry.class).findCount();
    String link = app.configDelivery().configFor("alice").link();
    NotFoundException e = assertThrows(NotFoundException.class, () -> app.users().rotate(ADMIN, "alicia"));
    assertEquals("no user named 'alicia'", e.getMessage());
    assertEquals(audits, app.database().find(AuditEntry.class).findCount());
    assertEquals(link, app.configDelivery().configFor("alice").link());
  }

  @Test
  void exhaustedWireguardPoolRefusesTheNextUserButRotationStillWorks(@TempDir Path dir) {
    AppComponent app = TestApp.create(dir, Clock.systemUTC(), Map.of("wireguard.subnet", "10.66.0.0/30"));
    add(app, "first", "wireguard");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> add(app, "second", "wireguard"));
    assertEquals("address pool 10.66.0.0/30 is exhausted: all 1 client addresses are in use", e.getMessage());
    assertEquals(1, app.userQueries().count());
    app.users().rotate(ADMIN, "first");
    assertTrue(app.configDelivery().configFor("first").link().contains("Address = 10.66.0.2/32"));
  }

  @Test
  void badServerDefinitionsAreRefusedAndNothingIsWritten(@TempDir Path dir) {
    AppComponent app = TestApp.create(dir);
    int audits = app.database().find(AuditEntry.class).findCount();
    List<Runnable> bad = List.of(
        () -> define(app, "vless", 0, Map.of()),
        () -> define(app, "vless", 65536, Map.of()),
        () -> define(app, "vless", 443, Map.of("sni", "not a host")),
        () -> define(app, "vless", 443, Map.of("sni", "exa_mple.com")),
        () -> define(app, "shadowsocks", 8388, Map.of("method", "aes-256-cfb")),
        () -> define(app, "wireguard", 51820, Map.of("subnet", "10.0.0.0/8")),
        () -> define(app, "ftp", 21, Map.of()));
    for (Runnable r : bad) {
      assertThrows(InvalidInputException.class, r::run);
    }
    assertEquals(0, app.database().find(VpnServer.class).findCount());
    assertEquals(audits, app.database().find(AuditEntry.class).findCount());
  }

  @Test
  void serverKeyRotationChangesEveryClientConfigAndRefusesProtocolsWithoutKeys(@TempDir Path dir) {
    AppComponent app = TestApp.create(dir);
    add(app, "wg-user", "wireguard");
    add(app, "ss-user", "shadowsocks");
    String before = app.configDelivery().configFor("wg-user").link();
    app.serverService().rotateKeys(ADMIN, "wireguard-1");
    String after = app.configDelivery().configFor("wg-user").link();
    assertNotEquals(before, after);
    assertEquals(line(before, "PrivateKey"), line(after, "PrivateKey"), "the user's own keys stay");
    assertNotEquals(line(before, "PublicKey"), line(after, "PublicKey"), "the server's key changed");
    String ssSettings = app.servers().require("shadowsocks-1").getSettings();
    assertThrows(InvalidInputException.class, () -> app.serverService().rotateKeys(ADMIN, "shadowsocks-1"));
    assertEquals(ssSettings, app.servers().require("shadowsocks-1").getSettings());
    assertThrows(NotFoundException.class, () -> app.serverService().rotateKeys(ADMIN, "nope-1"));
  }

  @Test
  void theServerConfigListsActiveUsersOnlyAndServersListShowsDefinitions(@TempDir Path dir) {
    AppComponent app = TestApp.create(dir);
    add(app, "alice", "vless");
    add(app, "bob", "vless");
    app.users().suspend(ADMIN, "bob", null);
    String config = app.serverService().render("vless-1").content();
    assertTrue(config.contains("\"email\": \"alice\""));
    assertFalse(config.contains("\"email\": \"bob\""));
    var row = app.serverService().list().get(0);
    assertEquals("vless-1", row.name());
    assertEquals("xray", row.core());
    assertEquals(443, row.port());
    assertFalse(row.deployed());
    assertEquals(2, row.users());
  }

  @Test
  void importedShadowsocksUsersGetDistinctPortsBesideExistingOnes(@TempDir Path dir) {
    AppComponent app = TestApp.create(dir);
    add(app, "existing", "shadowsocks");
    String json = "[{\"username\":\"imp-a\",\"protocol\":\"shadowsocks\",\"limitBytes\":0,\"usedBytes\":0},"
        + "{\"username\":\"imp-b\",\"protocol\":\"shadowsocks\",\"limitBytes\":0,\"usedBytes\":0}]";
    app.userTransfer().importUsers(ADMIN, UserFiles.parse(json), false);
    java.util.Set<String> ports = new java.util.HashSet<>();
    for (String n : List.of("existing", "imp-a", "imp-b")) {
      ports.add(Credentials.fromJson(app.userQueries().require(n).getCredentials()).get("port"));
    }
    assertEquals(java.util.Set.of("8388", "8389", "8390"), ports);
  }

  @Test
  void serverConfigsRenderedFromTheDatabaseLoadInTheRealV2ray(@TempDir Path dir) throws Exception {
    java.nio.file.Path v2ray = Peers.binary("v2ray", "v2ray");
    AppComponent app = TestApp.create(dir, Clock.systemUTC(),
        Map.of("vless.core", "v2ray", "shadowsocks.core", "v2ray", "proxy.core", "v2ray"));
    for (String p : List.of("vless", "shadowsocks", "http", "socks")) {
      add(app, p + "-a", p);
      add(app, p + "-b", p);
      var config = app.serverService().render(p + "-1");
      assertEquals("v2ray", config.core());
      java.nio.file.Path f = dir.resolve(p + ".json");
      java.nio.file.Files.writeString(f, config.content());
      var r = Exec.run(null, v2ray, "-test", "-config", f.toString());
      assertEquals(0, r.exit(), p + ": " + r.out());
    }
    assertTrue(app.configDelivery().configFor("vless-a").link().contains("security=none"));
  }

  @Test
  void serverConfigsOfTheDefaultsLoadInTheRealXray(@TempDir Path dir) throws Exception {
    java.nio.file.Path xray = Peers.goPeer("xray");
    AppComponent app = TestApp.create(dir, Clock.systemUTC(), Map.of());
    for (String p : List.of("vless", "http", "socks")) {
      add(app, p + "-a", p);
      add(app, p + "-b", p);
      var config = app.serverService().render(p + "-1");
      assertEquals("xray", config.core());
      java.nio.file.Path f = dir.resolve(p + ".json");
      java.nio.file.Files.writeString(f, config.content());
      var r = Exec.run(null, xray, "run", "-test", "-c", f.toString());
      assertEquals(0, r.exit(), p + ": " + r.out());
    }
    assertTrue(app.configDelivery().configFor("vless-a").link().contains("security=reality"));
  }

  private static void define(AppComponent app, String protocol, int port, Map<String, String> options) {
    app.database();
    try (var txn = app.database().beginTransaction()) {
      app.servers().define(txn, ADMIN, protocol, protocol + "-x", port, options);
      txn.commit();
    }
  }

  private static String line(String conf, String key) {
    return conf.lines().filter(l -> l.startsWith(key + " = ")).findFirst().orElseThrow();
  }
}
