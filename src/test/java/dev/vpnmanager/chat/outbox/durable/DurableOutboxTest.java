package dev.vpnmanager.chat.outbox.durable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.chat.ChatTransport;
import dev.vpnmanager.chat.Platform;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.chat.outbox.Failure;
import dev.vpnmanager.chat.outbox.Outbox;
import dev.vpnmanager.domain.OutboxMessage;
import dev.vpnmanager.domain.OutboxStatus;
import dev.vpnmanager.storage.Tx;
import dev.vpnmanager.testing.FakeClock;
import dev.vpnmanager.testing.TestApp;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stored outbox's promises, on a real SQLite file with a scripted platform. */
class DurableOutboxTest {
  @TempDir Path dir;
  FakeClock clock = FakeClock.at("2026-09-01T12:00:00Z");

  /** A platform stand-in: each call is accepted or fails as {@code answer} says; it may stop answering at all. */
  static final class Platform1 implements ChatTransport {
    final List<String> accepted = new CopyOnWriteArrayList<>();
    final List<String> keys = new CopyOnWriteArrayList<>();
    volatile Function<String, Exception> answer = to -> null;
    /** After this many accepted calls the "process" dies: calls are accepted but nobody hears back. */
    volatile int dieAfter = Integer.MAX_VALUE;
    volatile boolean dead;

    @Override
    public Platform platform() {
      return Platform.TELEGRAM;
    }

    @Override
    public void start() {}

    @Override
    public void send(String chatId, Reply reply) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void deliver(Outgoing m, Outbox.Listener listener) {
      if (dead) {
        return; // the process is gone: nothing more reaches the platform
      }
      Exception e = answer.apply(m.target());
      if (e != null) {
        listener.finished(e instanceof IllegalArgumentException ? Failure.permanent()
            : e.getMessage().startsWith("429") ? Failure.retryAfter(Duration.ofSeconds(30)) : Failure.transientError(), e);
        return;
      }
      accepted.add(m.target());
      keys.add(m.key());
      if (accepted.size() > dieAfter) {
        dead = true;
        return; // killed: the platform has it, this process never records it
      }
      listener.accepted(0);
      listener.finished(null, null);
    }

    @Override
    public String describe(Exception e) {
      return "stand-in: " + e.getMessage();
    }

    @Override
    public void close() {}
  }

  record Rig(Tx tx, OutboxStore store, OutboxSender sender) {}

  Rig rig(dev.vpnmanager.app.AppComponent app, ChatTransport platform) {
    Tx tx = new Tx(app.database());
    OutboxStore store = new OutboxStore(tx, clock);
    OutboxSender sender = new OutboxSender(tx, clock, () -> Set.of(platform), app.settings(), store, new SecureRandom());
    return new Rig(tx, store, sender);
  }

  static void broadcast(Rig r, int chats) {
    List<OutboxMessage> out = new ArrayList<>();
    for (int i = 1; i <= chats; i++) {
      out.add(OutboxStore.text(Platform.TELEGRAM, "chat-" + i, false, OutboxStore.BROADCAST, "broadcast:b1", "hello"));
    }
    r.tx().run(txn -> r.store().add(txn, out));
  }

  @Test
  void aSenderKilledMidBroadcastLosesNothingAndTheNextOneResumesWithAtMostTheUnrecordedCallAgain() {
    var app = TestApp.create(dir, clock, Map.of());
    Platform1 platform = new Platform1();
    Rig first = rig(app, platform);
    broadcast(first, 10);
    platform.dieAfter = 4;
    first.sender().runOnce();
    // the 5th call reached the platform, then the process "died": rows 5..10 keep the dead sender's lease
    assertEquals(6, first.store().counts().pending(), "rows 5..10 wait");
    assertEquals(5, platform.accepted.size());

    Platform1 again = new Platform1();
    Rig second = rig(app, again);
    assertEquals(0, second.sender().runOnce(), "a live lease is not taken over");
    clock.advance(Duration.ofSeconds(61));
    second.sender().runOnce();
    assertEquals(10, first.store().counts().sent());
    Map<String, Integer> got = new HashMap<>();
    platform.accepted.forEach(c -> got.merge(c, 1, Integer::sum));
    again.accepted.forEach(c -> got.merge(c, 1, Integer::sum));
    for (int i = 1; i <= 10; i++) {
      assertTrue(got.getOrDefault("chat-" + i, 0) >= 1, "chat-" + i + " got the broadcast: " + got);
    }
    assertEquals(List.of("chat-5"), got.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
        .toList(), "only the call that was accepted but not recorded went twice: " + got);
    assertEquals(platform.keys.get(4), again.keys.get(0),
        "the resent call carries the same key (a Matrix transaction id: the homeserver keeps one event)");
  }

  @Test
  void aPlatformAnswering429And5xxForAMinuteMakesMessagesWaitThenArrive() {
    var app = TestApp.create(dir, clock, Map.of());
    Platform1 platform = new Platform1();
    Rig r = rig(app, platform);
    java.time.Instant outageEnds = clock.instant().plus(Duration.ofMinutes(1));
    int[] calls = {0};
    platform.answer = to -> clock.instant().isBefore(outageEnds)
        ? new IllegalStateException(calls[0]++ % 2 == 0 ? "429 Too Many Requests" : "502 Bad Gateway") : null;
    broadcast(r, 3);
    for (int s = 0; s < 30; s++) {
      r.sender().runOnce();
      clock.advance(Duration.ofSeconds(5));
    }
    assertEquals(3, r.store().counts().sent(), "" + r.store().counts());
    assertEquals(0, r.store().counts().dead());
    assertEquals(List.of("chat-1", "chat-2", "chat-3"), platform.accepted.stream().sorted().toList(),
        "each arrived once");
    assertTrue(calls[0] >= 6, "they were tried during the outage and waited: " + calls[0]);
  }

  @Test
  void aPermanentRefusalIsADeadLetterWithItsReasonAndALongOutageGivesUpAfterTheConfiguredTime() {
    var app = TestApp.create(dir, clock, Map.of("outbox.give-up-after", "1h"));
    Platform1 platform = new Platform1();
    Rig r = rig(app, platform);
    platform.answer = to -> to.equals("chat-1") ? new IllegalArgumentException("403 Forbidden: bot was blocked")
        : new IllegalStateException("502 Bad Gateway");
    broadcast(r, 2);
    r.sender().runOnce();
    List<OutboxMessage> dead = r.store().deadLetters(10);
    assertEquals(1, dead.size());
    assertEquals("stand-in: 403 Forbidden: bot was blocked", dead.get(0).getLastError());
    var dates = new dev.vpnmanager.chat.i18n.Dates(java.time.ZoneOffset.UTC, clock);
    String report = OutboxReport.of(r.store(), dates, "en");
    assertTrue(report.contains("dead letters: 1") && report.contains("bot was blocked") && !report.contains("hello"),
        "the reason, never the text: " + report);
    assertFalse(report.matches("(?s).*\\d{4}-\\d{2}-\\d{2}T.*"), "no ISO instants: " + report);
    String ru = OutboxReport.of(r.store(), dates, "ru");
    assertTrue(ru.contains("недоставленные: 1") && ru.contains("bot was blocked") && !ru.contains("hello"), ru);
    for (int s = 0; s < 20; s++) {
      clock.advance(Duration.ofMinutes(5));
      r.sender().runOnce();
    }
    assertEquals(2, r.store().counts().dead());
    assertTrue(r.store().deadLetters(1).get(0).getLastError().startsWith("gave up after"),
        r.store().deadLetters(1).get(0).getLastError());
  }

  @Test
  void sentRowsAreDeletedAfterTheRetention() {
    var app = TestApp.create(dir, clock, Map.of());
    Platform1 platform = new Platform1();
    Rig r = rig(app, platform);
    broadcast(r, 2);
    r.sender().runOnce();
    assertEquals(0, r.sender().prune(clock.instant().plus(Duration.ofDays(6))));
    assertEquals(2, r.sender().prune(clock.instant().plus(Duration.ofDays(8))));
    assertEquals(0, app.database().find(OutboxMessage.class).where().eq("status", OutboxStatus.SENT).findCount());
  }
}
