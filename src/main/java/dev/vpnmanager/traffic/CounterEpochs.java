package dev.vpnmanager.traffic;

import dev.vpnmanager.storage.StateStore;
import io.ebean.Transaction;

/**
 * The epoch each server's counters were last read in (state key {@code traffic.epoch.SERVER}), kept in the
 * cycle's own transaction: a changed epoch means the counters restarted, whatever their values say.
 */
final class CounterEpochs {
  private final StateStore store;

  CounterEpochs(StateStore store) {
    this.store = store;
  }

  /** True when this reading starts a new epoch of a server read before; records the reading's epoch. */
  boolean restarted(Transaction txn, Reading r) {
    if (r.epoch().isEmpty()) {
      return false;
    }
    String key = "traffic.epoch." + r.serverName();
    return store.put(txn, key, r.epoch()).map(old -> !old.equals(r.epoch())).orElse(false);
  }
}
