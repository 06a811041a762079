package dev.vpnmanager.housekeeping;

import dev.vpnmanager.domain.InviteToken;
import dev.vpnmanager.domain.StateEntry;
import dev.vpnmanager.domain.UsedNonce;
import dev.vpnmanager.storage.Tx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Deletes rows that only grow and no longer guard anything: spent button nonces older than any button can
 * live (an expired button is refused by its expiry alone), invites used or expired a week ago, and broadcast
 * drafts nobody confirmed within a day.
 */
@Singleton
public final class Housekeeping {
  /** As long as a signed button lives (CallbackCodec's lifetime), and a day more for clock skew. */
  static final Duration NONCES = Duration.ofDays(8);
  static final Duration INVITES = Duration.ofDays(7);
  static final Duration DRAFTS = Duration.ofDays(1);

  /** What one run deleted. */
  public record Pruned(int nonces, int invites, int drafts) {
    public int total() {
      return nonces + invites + drafts;
    }
  }

  private final Tx tx;
  private final Clock clock;

  @Inject
  public Housekeeping(Tx tx, Clock clock) {
    this.tx = tx;
    this.clock = clock;
  }

  public Pruned prune() {
    Instant now = clock.instant();
    return tx.write(txn -> {
      int nonces = tx.db().find(UsedNonce.class).usingTransaction(txn).where()
          .lt("usedAt", now.minus(NONCES)).delete();
      int invites = tx.db().find(InviteToken.class).usingTransaction(txn).where().or()
          .lt("usedAt", now.minus(INVITES)).lt("expiresAt", now.minus(INVITES)).endOr().delete();
      int drafts = tx.db().find(StateEntry.class).usingTransaction(txn).where()
          .startsWith("key", "broadcast:").lt("createdAt", now.minus(DRAFTS)).delete();
      return new Pruned(nonces, invites, drafts);
    });
  }
}
