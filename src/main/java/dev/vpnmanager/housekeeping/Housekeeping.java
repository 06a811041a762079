package dev.vpnmanager.housekeeping;

import dev.vpnmanager.domain.query.QUsedNonce;
import dev.vpnmanager.domain.query.QStateEntry;
import dev.vpnmanager.domain.query.QInviteToken;
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
      int nonces = new QUsedNonce(tx.db()).usingTransaction(txn).usedAt.lt(now.minus(NONCES)).delete();
      int invites = new QInviteToken(tx.db()).usingTransaction(txn).or()
          .usedAt.lt(now.minus(INVITES)).expiresAt.lt(now.minus(INVITES)).endOr().delete();
      int drafts = new QStateEntry(tx.db()).usingTransaction(txn).key.startsWith("broadcast:")
          .createdAt.lt(now.minus(DRAFTS)).delete();
      return new Pruned(nonces, invites, drafts);
    });
  }
}
