package dev.vpnmanager.testing.telegram;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Telegram's limits as the stand-in enforces them, over strict sliding windows at arrival: at most 30
 * messages in any second overall, 3 in any second per private chat, 20 in any minute per group.
 */
final class RateRules {
  private final Deque<Long> overall = new ArrayDeque<>();
  private final Map<String, Deque<Long>> perChat = new HashMap<>();
  private int refused;

  /** True (and counted) when this message breaks a limit; otherwise it is recorded as sent. */
  synchronized boolean refuse(String chatId, long now) {
    prune(overall, now, 1_000_000_000L);
    Deque<Long> chat = perChat.computeIfAbsent(String.valueOf(chatId), c -> new ArrayDeque<>());
    boolean group = chatId != null && chatId.startsWith("-");
    prune(chat, now, group ? 60_000_000_000L : 1_000_000_000L);
    if (overall.size() >= 30 || chat.size() >= (group ? 20 : 3)) {
      refused++;
      return true;
    }
    overall.add(now);
    chat.add(now);
    return false;
  }

  synchronized int refused() {
    return refused;
  }

  private static void prune(Deque<Long> q, long now, long window) {
    while (!q.isEmpty() && now - q.peekFirst() >= window) {
      q.pollFirst();
    }
  }
}
