package dev.vpnmanager.user;

import dev.vpnmanager.domain.VpnUser;
import io.ebean.Transaction;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes a user's used bytes (table user_usage, see {@code domain.UserUsage}) other than by counting traffic:
 * quota resets and imports set the figure, in the caller's transaction. The traffic cycle adds to it in bulk
 * (traffic/TrafficStore). {@link VpnUser#setUsedBytes} alone changes only the bean in memory.
 */
final class UsageLedger {
  private static final String SET = "insert into user_usage (user_id, used_bytes)"
      + " select id, ? from vpn_user where username = ?"
      + " on conflict (user_id) do update set used_bytes = excluded.used_bytes";

  private UsageLedger() {}

  /** Sets the used bytes of this (already inserted) user, and of the bean. */
  static void set(Transaction txn, VpnUser u, long bytes) {
    u.setUsedBytes(bytes);
    setAll(txn, List.of(u));
  }

  /**
   * Writes the used bytes the beans hold, for users already inserted (flushes a batch first); by username, as
   * a batch insert on PostgreSQL leaves the beans without their ids.
   */
  static void setAll(Transaction txn, List<VpnUser> users) {
    txn.flush();
    try (PreparedStatement ps = txn.connection().prepareStatement(SET)) {
      for (VpnUser u : users) {
        ps.setLong(1, u.getUsedBytes());
        ps.setString(2, u.getUsername());
        ps.addBatch();
      }
      ps.executeBatch();
    } catch (SQLException e) {
      throw new IllegalStateException("could not write used bytes: " + e.getMessage(), e);
    }
  }
}
