package dev.vpnmanager.enforce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.testing.FakeClock;
import dev.vpnmanager.traffic.FakeCounterSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarningsTest {
  @TempDir Path dir;
  FakeClock clock = FakeClock.at("2026-05-10T12:00:00Z");
  FakeCounterSource srv = new FakeCounterSource("vless-1");

  @Test
  void quotaWarningsAt80And95PercentOnceEachEvenAfterARestart() {
    JobsFixture f = new JobsFixture(dir, clock);
    f.user("alice", 10_000, null);
    f.traffic(srv.set("alice", 7_999));
    assertEquals(List.of(), f.warnings.sweep(), "79.99 % is below 80 %");
    f.traffic(srv.set("alice", 8_000));
    assertEquals(1, f.warnings.sweep().size());
    assertEquals(List.of(), f.warnings.sweep(), "once");
    f.traffic(srv.set("alice", 9_499));
    assertEquals(List.of(), f.warnings.sweep());
    f.traffic(srv.set("alice", 9_500));
    assertEquals(1, f.warnings.sweep().size());

    f.app.database().shutdown();
    JobsFixture restarted = new JobsFixture(dir, clock);
    assertEquals(List.of(), restarted.warnings.sweep(), "recorded alerts survive a restart");
    List<String> texts = f.textsTo("chat-alice");
    assertEquals(2, texts.size());
    assertTrue(texts.get(0).contains("80%"), texts.get(0));
    assertTrue(texts.get(1).contains("95%"), texts.get(1));
  }

  @Test
  void jumpingPastBothThresholdsSendsOnlyTheHigherAndAddedTrafficStartsOver() {
    JobsFixture f = new JobsFixture(dir, clock);
    f.user("bob", 1_000, null);
    f.traffic(srv.set("bob", 990));
    List<String> keys = f.warnings.sweep();
    assertEquals(1, keys.size());
    assertTrue(keys.get(0).startsWith("quota95:bob:1000:"), keys.get(0));
    f.app.users().renew(Actor.cli(), "bob", 0, 1_000);
    assertEquals(List.of(), f.warnings.sweep(), "49.5 % of the new limit");
    f.traffic(srv.set("bob", 1_700));
    assertTrue(f.warnings.sweep().get(0).startsWith("quota80:bob:2000:"));
  }

  @Test
  void expiryWarnings3DaysAnd1DayBeforeOnceEach() {
    JobsFixture f = new JobsFixture(dir, clock);
    f.user("carol", 0, clock.instant().plus(Duration.ofDays(5)));
    assertEquals(List.of(), f.warnings.sweep());
    clock.advance(Duration.ofDays(2));
    assertTrue(f.warnings.sweep().get(0).startsWith("expiry3d:carol:"));
    clock.advance(Duration.ofHours(12));
    assertEquals(List.of(), f.warnings.sweep());
    clock.advance(Duration.ofHours(36));
    assertTrue(f.warnings.sweep().get(0).startsWith("expiry1d:carol:"));
    assertEquals(List.of(), f.warnings.sweep());
    List<String> texts = f.textsTo("chat-carol");
    assertEquals(2, texts.size());
    // dates as people read them, in the chat's language: the last valid day and the days until it
    assertTrue(texts.get(0).contains("expires on 15 May 2026 (in 3 days)."), texts.get(0));
    assertTrue(texts.get(1).contains("expires on 15 May 2026 (in 1 day): within a day."), texts.get(1));
  }

  @Test
  void expiryWarningsAndTheCutOffWriteDatesInTheChatsLanguageNeverIso() {
    JobsFixture f = new JobsFixture(dir, clock);
    f.user("rosa", 0, java.time.Instant.parse("2026-05-13T00:00:00Z"));
    assertTrue(f.warnings.sweep().get(0).startsWith("expiry3d:rosa:"));
    f.sender.runOnce();
    clock.advance(Duration.ofDays(3));
    f.enforcer.sweep();
    f.sender.runOnce();
    List<String> texts = f.textsTo("chat-rosa");
    assertEquals(2, texts.size(), "" + texts);
    assertTrue(texts.get(0).contains("истекает 12 мая 2026 (через 3 дн.)"), texts.get(0));
    assertTrue(texts.get(1).contains("13 мая 2026"), texts.get(1));
    texts.forEach(t -> assertTrue(!t.matches("(?s).*\\d{4}-\\d{2}-\\d{2}.*"), "no ISO date: " + t));
  }

  @Test
  void aWarningThatCouldNotBeSentIsSentLaterOnceAndOnlyThenCountsAsSent() {
    JobsFixture f = new JobsFixture(dir, clock);
    f.user("dave", 0, clock.instant().plus(Duration.ofHours(20)));
    f.telegram.down = true;
    List<String> keys = f.warnings.sweep();
    assertEquals(1, keys.size());
    assertEquals(List.of(), f.textsTo("chat-dave"));
    assertNull(sentAt(f, keys.get(0)), "a warning the platform did not take is not recorded as sent");
    f.telegram.down = false;
    assertEquals(List.of(), f.textsTo("chat-dave"), "it waits for its next attempt");
    clock.advance(Duration.ofSeconds(11));
    assertEquals(1, f.textsTo("chat-dave").size());
    assertNotNull(sentAt(f, keys.get(0)));
    assertEquals(0, f.alerts.flushPending());
    assertEquals(List.of(), f.warnings.sweep());
    clock.advance(Duration.ofMinutes(10));
    assertEquals(1, f.textsTo("chat-dave").size());
  }

  static java.time.Instant sentAt(JobsFixture f, String key) {
    return f.app.database().find(dev.vpnmanager.domain.AlertRecord.class).where().eq("alertKey", key).findOne()
        .getSentAt();
  }
}
