package dev.vpnmanager.traffic;

import dev.vpnmanager.domain.StateEntry;
import io.ebean.Database;
import io.ebean.Transaction;

/**
 * The epoch each server's counters were last read in (state key {@code traffic.epoch.SERVER}), kept in the
 * cycle's own transaction: a changed epoch means the counters restarted, whatever their values say.
 */
final class CounterEpochs {
  private final Database db;

  CounterEpochs(Database db) {
    this.db = db;
  }

  /** True when this reading starts a new epoch of a server read before; records the reading's epoch. */
  boolean restarted(Transaction txn, Reading r) {
    if (r.epoch().isEmpty()) {
      return false;
    }
    String key = "traffic.epoch." + r.serverName();
    StateEntry e = db.find(StateEntry.class).usingTransaction(txn).where().eq("key", key).findOne();
    if (e == null) {
      e = new StateEntry();
      e.setKey(key);
      e.setValue(r.epoch());
      db.insert(e, txn);
      return false;
    }
    if (r.epoch().equals(e.getValue())) {
      return false;
    }
    e.setValue(r.epoch());
    db.update(e, txn);
    return true;
  }
}
