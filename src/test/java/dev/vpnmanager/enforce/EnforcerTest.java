package dev.vpnmanager.enforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.testing.FakeClock;
import dev.vpnmanager.traffic.FakeCounterSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnforcerTest {
  @TempDir Path dir;
  FakeClock clock = FakeClock.at("2026-05-10T12:00:00Z");
  JobsFixture f;
  FakeCounterSource srv = new FakeCounterSource("vless-1");

  @BeforeEach
  void setUp() {
    f = new JobsFixture(dir, clock);
  }

  @Test
  void overLimitBecomesLimitedWithReasonEventAndOneMessage() {
    f.user("alice", 1_000, null);
    f.user("bob", 1_000, null);
    f.traffic(srv.set("alice", 1_000).set("bob", 999));
    assertEquals(List.of("alice"), f.enforcer.sweep());
    assertEquals("limited", f.app.users().show("alice").status());
    assertTrue(f.app.users().show("alice").statusReason().contains("limit"));
    assertEquals("active", f.app.users().show("bob").status());
    assertEquals(List.of("created", "limited"), f.kinds("alice"));
    assertEquals(List.of(), f.enforcer.sweep(), "nothing more to do");
    List<String> texts = f.textsTo("chat-alice");
    assertEquals(1, texts.size());
    assertTrue(texts.get(0).contains("limit of 1.00 KB"), texts.get(0));
    assertTrue(texts.get(0).contains("/renew"));
  }

  @Test
  void expiredBecomesExpiredAndRenewalPublishesActive() {
    f.user("carol", 0, clock.instant().plus(Duration.ofHours(1)));
    assertEquals(List.of(), f.enforcer.sweep());
    clock.advance(Duration.ofHours(1));
    assertEquals(List.of("carol"), f.enforcer.sweep());
    assertEquals("expired", f.app.users().show("carol").status());
    assertTrue(f.textsTo("chat-carol").get(0).contains("expired"));
    f.app.users().renew(Actor.cli(), "carol", 30, 0);
    assertEquals("active", f.app.users().show("carol").status());
    assertEquals(List.of("created", "expired", "renewed", "active"), f.kinds("carol"));
  }

  @Test
  void trafficResetPutsALimitedUserBackLive() {
    f.user("dave", 500, null);
    f.traffic(srv.set("dave", 600));
    f.enforcer.sweep();
    f.app.users().resetTraffic(Actor.cli(), "dave");
    assertEquals(List.of("created", "limited", "traffic-reset", "active"), f.kinds("dave"));
  }

  @Test
  void suspendedUsersAreLeftAlone() {
    f.user("erin", 100, null);
    f.app.users().suspend(Actor.cli(), "erin", "test");
    f.traffic(srv.set("erin", 500));
    assertEquals(List.of(), f.enforcer.sweep());
    assertEquals("suspended", f.app.users().show("erin").status());
  }

  @Test
  void cutOffMessageIsInTheChatsLanguage() {
    f.user("rita", 0, clock.instant().plus(Duration.ofMinutes(1)));
    clock.advance(Duration.ofMinutes(2));
    f.enforcer.sweep();
    String text = f.textsTo("chat-rita").get(0);
    assertTrue(text.contains("VPN приостановлен"), text);
  }
}
