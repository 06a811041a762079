package dev.vpnmanager.testing.telegram;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Telegram's limits as the stand-in enforces them, at arrival: at most 30 messages in any second overall, 20 in
 * any minute per group, and one message a second per private chat, with a short burst allowed (a bucket of
 * {@code chatBurst} messages that refills at one a second; 3 by default, 1 for a plain one a second). A refusal
 * says how many whole seconds to wait, as Telegram's retry_after does.
 */
final class RateRules {
  private static final long SECOND = 1_000_000_000L;
  private final Deque<Long> overall = new ArrayDeque<>();
  private final Map<String, Deque<Long>> groups = new HashMap<>();
  private final Map<String, double[]> chats = new HashMap<>(); // {tokens, refilled at}
  private int chatBurst = 3;
  private int refused;

  synchronized void chatBurst(int n) {
    chatBurst = n;
    chats.clear();
  }

  /** Seconds to wait (and counted) when this message breaks a limit; 0 when it is recorded as sent. */
  synchronized int refuse(String chatId, long now) {
    prune(overall, now, SECOND);
    boolean group = chatId != null && chatId.startsWith("-");
    int wait = overall.size() >= 30 ? seconds(SECOND - (now - overall.peekFirst())) : 0;
    double[] bucket = null;
    if (group) {
      Deque<Long> q = groups.computeIfAbsent(chatId, c -> new ArrayDeque<>());
      prune(q, now, 60 * SECOND);
      if (q.size() >= 20) {
        wait = Math.max(wait, seconds(60 * SECOND - (now - q.peekFirst())));
      }
    } else {
      bucket = chats.computeIfAbsent(String.valueOf(chatId), c -> new double[] {chatBurst, now});
      bucket[0] = Math.min(chatBurst, bucket[0] + (now - bucket[1]) / SECOND);
      bucket[1] = now;
      if (bucket[0] < 1) {
        wait = Math.max(wait, seconds((long) Math.ceil((1 - bucket[0]) * SECOND)));
      }
    }
    if (wait > 0) {
      refused++;
      return wait;
    }
    overall.add(now);
    if (group) {
      groups.get(chatId).add(now);
    } else {
      bucket[0] -= 1;
    }
    return 0;
  }

  synchronized int refused() {
    return refused;
  }

  private static int seconds(long nanos) {
    return (int) Math.max(1, (nanos + SECOND - 1) / SECOND);
  }

  private static void prune(Deque<Long> q, long now, long window) {
    while (!q.isEmpty() && now - q.peekFirst() >= window) {
      q.pollFirst();
    }
  }
}
