package dev.vpnmanager.chat.router;

import dev.vpnmanager.common.ConflictException;
import dev.vpnmanager.domain.UsedNonce;
import dev.vpnmanager.storage.Tx;
import java.time.Clock;
import javax.inject.Inject;

/** One-shot nonces in the database: the unique column makes a second use fail, across processes too. */
public final class DbNonceStore implements NonceStore {
  private final Tx tx;
  private final Clock clock;

  @Inject
  public DbNonceStore(Tx tx, Clock clock) {
    this.tx = tx;
    this.clock = clock;
  }

  @Override
  public boolean consume(String nonce) {
    try {
      tx.run(txn -> {
        UsedNonce n = new UsedNonce();
        n.setNonce(nonce);
        n.setUsedAt(clock.instant());
        tx.db().insert(n, txn);
      });
      return true;
    } catch (ConflictException e) {
      return false;
    }
  }
}
