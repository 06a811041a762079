package dev.vpnmanager.server.live;

import static dev.vpnmanager.server.live.LiveFixture.HELLO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.doctor.Check;
import dev.vpnmanager.doctor.Doctor;
import dev.vpnmanager.domain.VpnServer;
import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.server.v2ray.XrayApi;
import dev.vpnmanager.server.v2ray.XrayApis;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drift made behind the manager's back (over the core's API, or by a container restart) found and fixed. */
class ReconcileLiveTest {
  @TempDir Path dir;
  LiveFixture f;
  final XrayApis apis = new XrayApis();

  @BeforeEach
  void setUp() throws Exception {
    f = new LiveFixture(dir, Clock.systemUTC(), Map.of());
  }

  @AfterEach
  void tearDown() {
    apis.close();
    if (f != null) {
      f.close();
    }
  }

  @Test
  void aUserRemovedAndAStrayAddedBehindTheManagersBackAreFixedAndReported() throws Exception {
    String server = f.install("vless");
    f.user("alice", server, 0);
    f.user("bob", server, 0);
    f.user("carol", server, 0);
    f.app.users().suspend(Actor.cli(), "carol", "test");
    int alice = f.vlessClient("alice");
    int carol = f.vlessClient("carol");
    XrayApi api = apis.ofSocket(Path.of(settings(server).get("apiSocket")), "v2ray");
    api.removeUser("vless-in", "alice");
    api.addUser("vless-in", "carol", api.vlessAccount(uuid("carol"), ""));
    assertNotEquals(HELLO, f.fetchVia(alice, ""));
    assertEquals(HELLO, f.fetchVia(carol, ""));

    List<Drift> drift = f.app.reconciler().reconcile();
    assertEquals(List.of(new Drift(server, List.of("alice"), List.of("carol"), null)), drift);
    assertEquals(HELLO, f.fetchVia(alice, ""));
    assertNotEquals(HELLO, f.fetchVia(carol, ""));
    assertTrue(f.app.reconciler().reconcile().get(0).none());

    api.removeUser("vless-in", "bob");
    List<Check> checks = new Doctor(f.app.settings(), () -> f.app).run();
    Check check = checks.stream().filter(c -> c.name().equals("drift " + server)).findFirst().orElseThrow();
    assertEquals(Check.Status.WARN, check.status());
    assertEquals("added missing bob", check.detail());
  }

  @Test
  void usersAddedLiveComeBackAfterTheEngineRestartsTheContainerWithItsOldConfig() throws Exception {
    String server = f.install("socks");
    f.user("alice", server, 0);
    assertEquals(HELLO, f.fetchProxy("alice", ""));
    f.rt.restart(f.containerId(server), Duration.ofSeconds(5));
    awaitProxy(server);
    assertNotEquals(HELLO, f.fetchProxy("alice", ""), "the config file of the container predates alice");

    assertEquals(List.of(new Drift(server, List.of("alice"), List.of(), null)), f.app.reconciler().reconcile());
    assertEquals(HELLO, f.fetchProxy("alice", ""));
  }

  @Test
  void aFailedLiveApplyKeepsTheDatabaseChangeAndTheNextReconcileFinishesIt() throws Exception {
    String server = f.install("vless");
    f.user("alice", server, 0);
    int alice = f.vlessClient("alice");
    assertEquals(HELLO, f.fetchVia(alice, ""));
    VpnServer s = f.app.servers().require(server);
    String settings = s.getSettings();
    // the API out of reach: off its socket, onto a loopback port nobody listens on
    s.setSettings(Credentials.fromJson(settings).without("apiSocket")
        .with("apiPort", Integer.toString(LiveFixture.freePort())).toJson());
    f.app.database().update(s);

    f.app.users().suspend(Actor.cli(), "alice", "test");
    assertEquals("suspended", f.app.users().show("alice").status(), "the database is the truth");
    assertEquals(HELLO, f.fetchVia(alice, ""), "the API was unreachable: alice is still on the server");

    s = f.app.servers().require(server);
    s.setSettings(settings);
    f.app.database().update(s);
    assertEquals(List.of(new Drift(server, List.of(), List.of("alice"), null)), f.app.reconciler().reconcile());
    assertNotEquals(HELLO, f.fetchVia(alice, ""));
  }

  private void awaitProxy(String server) throws Exception {
    VpnServer s = f.app.servers().require(server);
    for (int i = 0; i < 100; i++) {
      try (var sock = new java.net.Socket("127.0.0.1", s.getPort())) {
        return;
      } catch (java.io.IOException notYet) {
        Thread.sleep(50);
      }
    }
  }

  private Credentials settings(String server) {
    return Credentials.fromJson(f.app.servers().require(server).getSettings());
  }

  private String uuid(String user) {
    return Credentials.fromJson(f.app.userQueries().require(user).getCredentials()).get("uuid");
  }
}
