package dev.vpnmanager.user;

import dev.vpnmanager.domain.UserStatus;
import dev.vpnmanager.event.EventBus;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.common.ConflictException;
import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.common.NotFoundException;
import dev.vpnmanager.domain.AuditEntry;
import dev.vpnmanager.domain.VpnUser;
import dev.vpnmanager.protocol.X25519;
import dev.vpnmanager.testing.FakeClock;
import dev.vpnmanager.testing.TestApp;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserServiceTest {
  @TempDir Path dir;
  FakeClock clock = FakeClock.at("2026-06-01T00:00:00Z");
  AppComponent app;
  UserService users;
  Actor admin = Actor.cli();
  List<UserEvent> events = new ArrayList<>();

  @BeforeEach
  void setUp() {
    app = TestApp.create(dir, clock, Map.of());
    users = app.users();
  }

  @Test
  void idsOfDeletedUsersAreNeverHandedOutAgainNotEvenAfterAReopen() {
    users.add(admin, NewUser.of("first", "vless"));
    long newest = users.add(admin, NewUser.of("newest", "vless")).id();
    users.delete(admin, "newest");
    long next = users.add(admin, NewUser.of("next", "vless")).id();
    assertTrue(next > newest, next + " after " + newest);
    users.delete(admin, "next");
    AppComponent reopened = TestApp.create(dir, clock, Map.of());
    reopened.userTransfer().importUsers(admin, List.of(new UserRecord(null, "imported", "vless", null, "active", null,
        0, 0, null, null, null, null, null)), false);
    long imported = reopened.userQueries().require("imported").getId();
    assertTrue(imported > next, imported + " after " + next);
  }

  @Test
  void addGeneratesCredentialsPerProtocolAndDefinesServer() {
    UserRecord v = users.add(admin, NewUser.of("alice", "vless"));
    UUID uuid = UUID.fromString(v.credentials().get("uuid"));
    assertEquals(4, uuid.version());
    assertEquals("vless-1", v.server());
    assertEquals(1, app.servers().list().size());
    assertTrue(!app.servers().list().get(0).isDeployed());

    UserRecord s = users.add(admin, NewUser.of("bob", "shadowsocks"));
    assertTrue(s.credentials().get("password").length() >= 24);
    assertTrue(Integer.parseInt(s.credentials().get("port")) > 0, "a port per Shadowsocks user");

    UserRecord w = users.add(admin, NewUser.of("carol", "wireguard"));
    byte[] priv = Base64.getDecoder().decode(w.credentials().get("privateKey"));
    assertArrayEquals(X25519.publicKeyOf(priv), Base64.getDecoder().decode(w.credentials().get("publicKey")));
    assertEquals(32, Base64.getDecoder().decode(w.credentials().get("presharedKey")).length);
    assertEquals("10.8.0.2", w.credentials().get("address"));

    UserRecord h = users.add(admin, NewUser.of("dave", "http"));
    assertEquals("dave", h.credentials().get("username"));
    assertEquals(4, app.servers().list().size());
  }

  @Test
  void wireguardAddressesAreUniqueAndReusedAfterDelete() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      seen.add(users.add(admin, NewUser.of("wg" + i + "x", "wireguard")).credentials().get("address"));
    }
    assertEquals(20, seen.size());
    users.delete(admin, "wg3x");
    assertEquals("10.8.0.5", users.add(admin, NewUser.of("again", "wireguard")).credentials().get("address"));
  }

  @Test
  void wireguardPoolExhaustedIsAClearErrorAndWritesNothing() {
    app = TestApp.create(dir.resolve("small"), clock, Map.of("wireguard.subnet", "10.9.0.0/30"));
    app.users().add(admin, NewUser.of("first", "wireguard"));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> app.users().add(admin, NewUser.of("second", "wireguard")));
    assertTrue(e.getMessage().contains("exhausted"), e.getMessage());
    assertEquals(1, app.userQueries().count());
  }

  @Test
  void duplicateNameIsRefused() {
    users.add(admin, NewUser.of("alice", "vless"));
    ConflictException e = assertThrows(ConflictException.class,
        () -> users.add(admin, NewUser.of("alice", "wireguard")));
    assertEquals("user 'alice' already exists", e.getMessage());
    assertEquals(1, app.userQueries().count());
  }

  @Test
  void badInputWritesNothing() {
    assertThrows(InvalidInputException.class, () -> users.add(admin, NewUser.of("a/b", "vless")));
    assertThrows(InvalidInputException.class, () -> users.add(admin, NewUser.of("alice", "pptp")));
    assertThrows(InvalidInputException.class, () -> users.add(admin,
        new NewUser("alice", "vless", null, -1, null, null, null)));
    assertThrows(InvalidInputException.class, () -> users.add(admin,
        new NewUser("alice", "vless", null, 0, Instant.parse("2020-01-01T00:00:00Z"), null, null)));
    assertThrows(InvalidInputException.class, () -> users.add(admin,
        new NewUser("alice", "vless", null, 0, null, "not an email", null)));
    assertThrows(NotFoundException.class, () -> users.add(admin,
        new NewUser("alice", "vless", "nosuch", 0, null, null, null)));
    assertEquals(0, app.userQueries().count());
    assertEquals(0, app.servers().list().size());
  }

  @Test
  void suspendResumeWithReasons() {
    users.add(admin, NewUser.of("alice", "vless"));
    UserRecord s = users.suspend(admin, "alice", "unpaid");
    assertEquals("suspended", s.status());
    assertEquals("unpaid", s.statusReason());
    assertThrows(ConflictException.class, () -> users.suspend(admin, "alice", null));
    UserRecord r = users.resume(admin, "alice");
    assertEquals("active", r.status());
    assertNull(r.statusReason());
    assertThrows(ConflictException.class, () -> users.resume(admin, "alice"));
  }

  @Test
  void resumeOfAnExpiredUserLandsInExpired() {
    users.add(admin, new NewUser("alice", "vless", null, 0, clock.instant().plus(Duration.ofDays(1)), null, null));
    users.suspend(admin, "alice", null);
    clock.advance(Duration.ofDays(2));
    assertEquals("expired", users.resume(admin, "alice").status());
  }

  @Test
  void renewAddsAndNeverOverwrites() {
    Instant exp = clock.instant().plus(Duration.ofDays(10));
    users.add(admin, new NewUser("alice", "vless", null, 1_000_000_000L, exp, null, null));
    UserRecord r = users.renew(admin, "alice", 30, 500_000_000L);
    assertEquals(exp.plus(Duration.ofDays(30)), r.expiresAt());
    assertEquals(1_500_000_000L, r.limitBytes());
    clock.advance(Duration.ofDays(100));
    UserRecord late = users.renew(admin, "alice", 5, 0);
    assertEquals(clock.instant().plus(Duration.ofDays(5)), late.expiresAt());
    assertEquals("active", late.status());
    assertThrows(InvalidInputException.class, () -> users.renew(admin, "alice", 0, 0));
    assertThrows(InvalidInputException.class, () -> users.renew(admin, "alice", -1, 0));
  }

  @Test
  void resetTrafficReenablesALimitedUser() {
    users.add(admin, new NewUser("alice", "vless", null, 1000, null, null, null));
    app.database().update(VpnUser.class).set("status", UserStatus.LIMITED).update();
    app.database().sqlUpdate("insert into user_usage (user_id, used_bytes)"
        + " select id, 5000 from vpn_user where username = 'alice'").execute();
    assertEquals(5000, users.show("alice").usedBytes());
    UserRecord r = users.resetTraffic(admin, "alice");
    assertEquals(0, r.usedBytes());
    assertEquals("active", r.status());
    assertEquals(0, users.show("alice").usedBytes(), "written, not only shown");
  }

  @Test
  void rotateChangesSecretsButKeepsWireguardAddress() {
    UserRecord before = users.add(admin, NewUser.of("carol", "wireguard"));
    users.rotate(admin, "carol");
    UserRecord after = users.withCredentials("carol");
    assertNotEquals(before.credentials().get("privateKey"), after.credentials().get("privateKey"));
    assertNotEquals(before.credentials().get("presharedKey"), after.credentials().get("presharedKey"));
    assertEquals(before.credentials().get("address"), after.credentials().get("address"));
    assertThrows(NotFoundException.class, () -> users.rotate(admin, "nobody"));
  }

  @Test
  void renewingWhatDoesNotExistSaysSoAndChangesNothing() {
    users.add(admin, NewUser.of("bob", "vless"));
    ConflictException e = assertThrows(ConflictException.class, () -> users.renew(admin, "bob", 30, 0));
    assertTrue(e.getMessage().contains("never expires"), e.getMessage());
    e = assertThrows(ConflictException.class, () -> users.renew(admin, "bob", 0, 10));
    assertTrue(e.getMessage().contains("has no traffic limit"), e.getMessage());
    assertEquals(0, users.show("bob").limitBytes());
  }

  @Test
  void everyChangeIsAuditedWithChannelAndActor() {
    users.add(admin, new NewUser("alice", "vless", null, 1_000_000, null, null, null));
    users.suspend(admin, "alice", null);
    users.resume(admin, "alice");
    users.renew(admin, "alice", 1, 1);
    users.resetTraffic(admin, "alice");
    users.delete(admin, "alice");
    List<AuditEntry> log = app.database().find(AuditEntry.class).orderBy("id").findList();
    assertEquals(List.of("server.define", "user.add", "user.suspended", "user.resumed", "user.renewed",
        "user.traffic-reset", "user.delete"), log.stream().map(AuditEntry::getAction).toList());
    assertTrue(log.stream().allMatch(e -> e.getChannel().equals("cli") && e.getActor().equals(admin.id())));
    assertEquals(clock.instant(), log.get(1).getAt());
  }

  @Test
  void eventsArePublishedAfterCommit() {
    app = TestApp.create(dir.resolve("ev"), clock, Map.of());
    List<String> seen = new ArrayList<>();
    AppComponent a = app;
    // the event bus is internal to the graph; subscribe through a fresh service graph
    EventBus bus = busOf(a);
    bus.subscribe(UserEvent.class, e -> seen.add(e.kind().code() + ":" + e.snapshot().username()
        + ":" + a.userQueries().find(e.snapshot().username()).isPresent()));
    a.users().add(admin, NewUser.of("alice", "vless"));
    a.users().suspend(admin, "alice", null);
    a.users().delete(admin, "alice");
    assertEquals(List.of("created:alice:true", "suspended:alice:true", "deleted:alice:false"), seen);
  }

  @Test
  void aNewUsersAddressSkipsEveryAddressTheServersUsersHoldSuspendedOnesToo() {
    users.add(admin, NewUser.of("alice", "wireguard"));
    users.add(admin, NewUser.of("bob", "wireguard"));
    users.add(admin, NewUser.of("carol", "wireguard"));
    users.suspend(admin, "bob", "test");
    users.delete(admin, "alice");
    users.add(admin, NewUser.of("dave", "wireguard"));
    assertEquals("10.8.0.3", users.withCredentials("bob").credentials().get("address"));
    assertEquals("10.8.0.4", users.withCredentials("carol").credentials().get("address"));
    String dave = users.withCredentials("dave").credentials().get("address");
    assertTrue(!dave.equals("10.8.0.3") && !dave.equals("10.8.0.4"), "dave got a held address: " + dave);
  }

  private static EventBus busOf(AppComponent a) {
    return a.events();
  }
}
