package dev.vpnmanager.chat.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The outbox's promises, on real time with small limits so each case takes about a second. */
class OutboxTest {
  static final Limits FAST = new Limits(20, 1, 5, 2, 3, 4, Duration.ofMillis(50), Duration.ofMillis(400));
  final List<String> sent = Collections.synchronizedList(new ArrayList<>());

  Step record(String what) {
    return Step.message(() -> sent.add(what));
  }

  @Test
  void interactiveRepliesOvertakeQueuedBulkMessages() throws Exception {
    try (Outbox o = new Outbox("t", FAST, e -> Failure.permanent())) {
      for (int i = 0; i < 30; i++) {
        o.submit("bulk" + i, false, Priority.BULK, List.of(record("bulk" + i)));
      }
      Thread.sleep(100);
      o.submit("person", false, Priority.INTERACTIVE, List.of(record("reply")));
      assertTrue(o.awaitIdle(5000));
      int at = sent.indexOf("reply");
      assertTrue(at >= 0 && at <= 5, "reply sent at position " + at + " of " + sent);
    }
  }

  @Test
  void overallAndPerChatRatesHoldAndAChatKeepsItsOrder() throws Exception {
    try (Outbox o = new Outbox("t", FAST, e -> Failure.permanent())) {
      long t0 = System.nanoTime();
      List<Step> steps = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        steps.add(record("m" + i));
      }
      o.submit("one", false, Priority.INTERACTIVE, steps);
      assertTrue(o.awaitIdle(5000));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertEquals(List.of("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7"), sent);
      assertTrue(ms >= 900, "8 messages at 5/s with a burst of 3 took only " + ms + " ms");

      sent.clear();
      t0 = System.nanoTime();
      for (int i = 0; i < 21; i++) {
        o.submit("c" + i, false, Priority.BULK, List.of(record("c" + i)));
      }
      assertTrue(o.awaitIdle(5000));
      ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms >= 900, "21 chats at 20/s overall took only " + ms + " ms");
    }
  }

  @Test
  void groupsGetTheSlowerLimit() throws Exception {
    try (Outbox o = new Outbox("t", FAST, e -> Failure.permanent())) {
      long t0 = System.nanoTime();
      List<Step> steps = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        steps.add(record("g" + i));
      }
      o.submit("-42", true, Priority.BULK, steps);
      assertTrue(o.awaitIdle(5000));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms >= 900, "5 group messages at 2/s with a burst of 3 took only " + ms + " ms");
    }
  }

  @Test
  void retryAfterPausesTheChatAndTransientErrorsBackOffThenPermanentOnesAreDropped() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    List<Long> at = Collections.synchronizedList(new ArrayList<>());
    Step flaky = Step.message(() -> {
      at.add(System.nanoTime());
      int n = calls.incrementAndGet();
      if (n == 1) {
        throw new IllegalStateException("429");
      }
      if (n == 2) {
        throw new java.io.IOException("reset");
      }
    });
    java.util.function.Function<Exception, Failure> classify = e -> e instanceof IllegalStateException
        ? Failure.retryAfter(Duration.ofMillis(300)) : e instanceof java.io.IOException ? Failure.transientError()
        : Failure.permanent();
    try (Outbox o = new Outbox("t", FAST, classify)) {
      o.submit("x", false, Priority.INTERACTIVE, List.of(flaky, record("next")));
      o.submit("y", false, Priority.INTERACTIVE, List.of(Step.message(() -> {
        throw new UnsupportedOperationException("400");
      }), record("after-drop")));
      assertTrue(o.awaitIdle(5000));
      assertEquals(3, calls.get());
      assertTrue(at.get(1) - at.get(0) >= 290_000_000L, "waited for retry_after");
      assertTrue(sent.containsAll(List.of("next", "after-drop")), "" + sent);
      assertEquals(1, o.dropped());
      assertEquals(2, o.retried());
    }
  }

  @Test
  void aListenerHearsEachAcceptedStepAndTheEndAndAFailedSubmissionStopsThere() throws Exception {
    List<String> heard = Collections.synchronizedList(new ArrayList<>());
    Outbox.Listener listener = new Outbox.Listener() {
      @Override
      public void accepted(int step) {
        heard.add("ok" + step);
      }

      @Override
      public void finished(Failure failure, Exception cause) {
        heard.add(failure == null ? "done" : "failed " + failure.kind() + " " + cause.getMessage());
      }
    };
    try (Outbox o = new Outbox("t", FAST, e -> Failure.permanent())) {
      o.submit("a", false, Priority.BULK, List.of(record("a0"), record("a1")), listener);
      assertTrue(o.awaitIdle(5000));
      assertEquals(List.of("ok0", "ok1", "done"), heard);
      heard.clear();
      o.submit("b", false, Priority.BULK, List.of(record("b0"), Step.message(() -> {
        throw new IllegalStateException("403 blocked");
      }), record("b2")), listener);
      assertTrue(o.awaitIdle(5000));
      assertEquals(List.of("ok0", "failed PERMANENT 403 blocked"), heard);
      assertTrue(!sent.contains("b2"), "the rest of a failed submission is not sent: " + sent);
    }
  }
}
