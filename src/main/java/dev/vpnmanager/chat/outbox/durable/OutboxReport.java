package dev.vpnmanager.chat.outbox.durable;

import dev.vpnmanager.domain.OutboxMessage;
import java.util.List;

/** What the outbox holds, in words for admins (/outbox, doctor): counts, dead letters and their reasons. */
public final class OutboxReport {
  static final int SHOWN = 10;

  private OutboxReport() {}

  /** One line: waiting (and since when), sent within the retention, dead letters. */
  public static String summary(OutboxStore.Counts c) {
    return c.pending() + " waiting" + (c.oldestPending() == null ? "" : " (oldest from " + c.oldestPending() + ")")
        + ", " + c.sent() + " sent, " + c.dead() + " dead letter" + (c.dead() == 1 ? "" : "s");
  }

  /** A message without its text (it may hold a config): id, kind, where, attempts, the last error. */
  public static String line(OutboxMessage m) {
    return "#" + m.getId() + " " + m.getKind() + " to " + m.getPlatform() + (m.isPerson() ? " person " : " chat ")
        + m.getTarget() + ", stored " + m.getCreatedAt() + (m.getAttempts() > 0 ? ", " + m.getAttempts()
        + " failed attempt" + (m.getAttempts() == 1 ? "" : "s") : "")
        + (m.getLastError() == null ? "" : ": " + m.getLastError());
  }

  /** The full report for /outbox. */
  public static String of(OutboxStore store) {
    StringBuilder b = new StringBuilder("Outbox: ").append(summary(store.counts()));
    List<OutboxMessage> dead = store.deadLetters(SHOWN);
    if (!dead.isEmpty()) {
      b.append("\n\nDead letters (not sent; newest first):");
      dead.forEach(m -> b.append("\n").append(line(m)));
    }
    List<OutboxMessage> waiting = store.pending(SHOWN);
    if (!waiting.isEmpty()) {
      b.append("\n\nWaiting (oldest first):");
      waiting.forEach(m -> b.append("\n").append(line(m)));
    }
    return b.toString();
  }
}
