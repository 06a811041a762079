package dev.vpnmanager.chat.outbox.durable;

import dev.vpnmanager.chat.i18n.Dates;
import dev.vpnmanager.chat.i18n.Messages;
import dev.vpnmanager.domain.OutboxMessage;
import java.util.List;

/**
 * What the outbox holds, in words for admins: counts, dead letters and their reasons. {@link #summary} and
 * {@link #line} are doctor's English lines; {@link #of} is /outbox in the chat's language and time zone.
 */
public final class OutboxReport {
  static final int SHOWN = 10;
  static final Messages TEXTS = new Messages("outbox");

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

  /** The full report for /outbox, in {@code language}, times in the configured zone. */
  public static String of(OutboxStore store, Dates dates, String language) {
    OutboxStore.Counts c = store.counts();
    StringBuilder b = new StringBuilder(TEXTS.get(language, "outbox.summary",
        String.valueOf(c.pending()), String.valueOf(c.sent()), String.valueOf(c.dead())));
    if (c.oldestPending() != null) {
      b.append('\n').append(TEXTS.get(language, "outbox.oldest", dates.dateTime(c.oldestPending(), language)));
    }
    List<OutboxMessage> dead = store.deadLetters(SHOWN);
    if (!dead.isEmpty()) {
      b.append("\n\n").append(TEXTS.get(language, "outbox.dead"));
      dead.forEach(m -> b.append('\n').append(line(m, dates, language)));
    }
    List<OutboxMessage> waiting = store.pending(SHOWN);
    if (!waiting.isEmpty()) {
      b.append("\n\n").append(TEXTS.get(language, "outbox.waiting"));
      waiting.forEach(m -> b.append('\n').append(line(m, dates, language)));
    }
    return b.toString();
  }

  private static String line(OutboxMessage m, Dates dates, String language) {
    String line = TEXTS.get(language, "outbox.line", String.valueOf(m.getId()), m.getKind(), m.getPlatform(),
        TEXTS.get(language, m.isPerson() ? "outbox.person" : "outbox.chat"), m.getTarget(),
        dates.dateTime(m.getCreatedAt(), language));
    if (m.getAttempts() > 0) {
      line += TEXTS.get(language, "outbox.attempts", String.valueOf(m.getAttempts()));
    }
    return m.getLastError() == null ? line : line + ": " + m.getLastError();
  }
}
