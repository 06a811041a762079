package dev.vpnmanager.chat.telegram;

import dev.vpnmanager.storage.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Telegram updates already taken, by update_id: an update is acted on by the first that claims it. Telegram
 * posts a webhook update again when its answer was lost, and through a load balancer the second post can reach
 * another instance; in long polling, the updates a dead instance had not confirmed come again to the one that
 * takes over. Claimed before the handler runs, so a command (a renewal, a deletion) runs at most once and is
 * answered once; a claim whose instance died before it answered stays unanswered, and the person asks again.
 *
 * <p>Within one process the recent ids are remembered in memory. When several instances share the database
 * (PostgreSQL) the claim is a state row, insert-if-absent, so exactly one instance wins; Telegram keeps an update
 * for 24 hours, so rows older than two days are deleted now and then. On SQLite (one serve per file) no row is
 * written: a stranger's flood costs no database write.
 */
final class HandledUpdates {
  static final String PREFIX = "telegram.update:";
  static final Duration KEEP = Duration.ofDays(2);
  /** Old claims are deleted once in this many claims. */
  static final int PRUNE_EVERY = 500;
  static final int REMEMBERED = 10_000;
  private final StateStore state;
  private final Clock clock;
  private final boolean shared;
  private final AtomicInteger claims = new AtomicInteger();
  private final Map<Integer, Boolean> recent = new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Integer, Boolean> eldest) {
      return size() > REMEMBERED;
    }
  };

  /** {@code shared}: other instances may receive the same updates (the database is PostgreSQL). */
  HandledUpdates(StateStore state, Clock clock, boolean shared) {
    this.state = state;
    this.clock = clock;
    this.shared = shared;
  }

  /** True for the one caller, in this process and (when shared) across every instance, that takes it first. */
  boolean claim(int updateId) {
    synchronized (recent) {
      if (recent.put(updateId, Boolean.TRUE) != null) {
        return false;
      }
    }
    if (!shared) {
      return true;
    }
    if (claims.incrementAndGet() % PRUNE_EVERY == 1) {
      state.removeOlder(PREFIX, clock.instant().minus(KEEP));
    }
    return state.compareAndPut(PREFIX + updateId, Optional::isEmpty, clock.instant().toString());
  }
}
