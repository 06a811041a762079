package dev.vpnmanager.user;

import dev.vpnmanager.domain.StateEntry;
import dev.vpnmanager.domain.VpnUser;
import io.ebean.Database;
import io.ebean.Transaction;
import io.ebean.annotation.Platform;
import java.util.List;

/**
 * User ids are never handed out twice: chat buttons name a user by id, so a week-old Suspend or Delete button must
 * not act on a newer user. PostgreSQL's identity sequence never goes back; SQLite gives a new row max(id) + 1, which
 * is the id of the newest user if they were deleted. On SQLite each new user therefore gets the next id above a high
 * water mark kept in the database (state key {@link #KEY}), written in the insert's own transaction (every write
 * transaction holds SQLite's write lock, so two inserts cannot take the same id). A schema rebuild with AUTOINCREMENT
 * was the alternative; SQLite cannot rebuild a table other tables reference while foreign keys are enforced.
 */
final class UserIds {
  static final String KEY = "vpn_user.high_water";

  private UserIds() {}

  /** Gives a new (not yet inserted) user its id on SQLite; leaves it to the sequence elsewhere. */
  static void assign(Database db, Transaction txn, VpnUser u) {
    assign(db, txn, List.of(u));
  }

  /** Consecutive new ids for users inserted together (an import). */
  static void assign(Database db, Transaction txn, List<VpnUser> users) {
    if (users.isEmpty() || db.platform().base() != Platform.SQLITE) {
      return;
    }
    Long max = db.find(VpnUser.class).usingTransaction(txn).select("id").orderBy("id desc").setMaxRows(1)
        .findSingleAttribute();
    StateEntry mark = db.find(StateEntry.class).usingTransaction(txn).where().eq("key", KEY).findOne();
    long high = mark == null ? 0 : Long.parseLong(mark.getValue());
    long id = Math.max(high, max == null ? 0 : max);
    for (VpnUser u : users) {
      u.setId(++id);
    }
    if (mark == null) {
      mark = new StateEntry();
      mark.setKey(KEY);
      mark.setValue(Long.toString(id));
      db.insert(mark, txn);
    } else {
      mark.setValue(Long.toString(id));
      db.update(mark, txn);
    }
  }
}
