package dev.vpnmanager.scheduling;

import dev.vpnmanager.domain.StateEntry;
import dev.vpnmanager.storage.Tx;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/** Durable job state (last daily run, open incidents) in the state_entry table, so it survives a restart. */
@Singleton
public final class ScheduleState {
  private final Tx tx;

  @Inject
  public ScheduleState(Tx tx) {
    this.tx = tx;
  }

  public Optional<String> get(String key) {
    return tx.db().find(StateEntry.class).where().eq("key", key).findOneOrEmpty().map(StateEntry::getValue);
  }

  public void put(String key, String value) {
    tx.run(txn -> {
      StateEntry e = tx.db().find(StateEntry.class).usingTransaction(txn).where().eq("key", key).findOne();
      if (e == null) {
        e = new StateEntry();
        e.setKey(key);
        e.setValue(value);
        tx.db().insert(e, txn);
      } else {
        e.setValue(value);
        tx.db().update(e, txn);
      }
    });
  }

  public void remove(String key) {
    tx.run(txn -> tx.db().find(StateEntry.class).usingTransaction(txn).where().eq("key", key).delete());
  }
}
