package dev.vpnmanager.server;

import dev.vpnmanager.domain.UserStatus;
import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.protocol.UserSpec;
import io.ebean.Database;
import io.ebean.Transaction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * The one query for "the users of a server": active ones (what a server's config and live state hold) or every
 * one (to map what a server reports back to names; a suspended user's counters still count). Read as two
 * columns, not entities: a traffic cycle asks for every user of a server, and 100,000 entities took ~0.5 s.
 */
public final class ServerUsers {
  private ServerUsers() {}

  public static List<UserSpec> active(Database db, String server) {
    return read(db, null, server, true);
  }

  /** Active users read in the caller's transaction (the config a (re)start renders sees its own writes). */
  public static List<UserSpec> active(Database db, Transaction txn, String server) {
    return read(db, txn, server, true);
  }

  public static List<UserSpec> all(Database db, String server) {
    return read(db, null, server, false);
  }

  /**
   * The server's user names only (active ones, or every one), in the order of their ids: no credentials read or
   * parsed. At 100,000 users the whole list with credentials held ~50 MB of the daemon's heap at once.
   */
  public static List<String> names(Database db, String server, boolean activeOnly) {
    String sql = "select u.username from vpn_user u join vpn_server s on s.id = u.server_id where s.name = :server"
        + (activeOnly ? " and u.status = :status" : "") + " order by u.id";
    var q = db.sqlQuery(sql).setParameter("server", server);
    if (activeOnly) {
      q.setParameter("status", UserStatus.ACTIVE.code());
    }
    List<String> out = new ArrayList<>();
    q.findEachRow((rs, row) -> out.add(rs.getString(1)));
    return out;
  }

  /**
   * Those of the named users who are the server's (active ones, or every one), in the order of their ids; names
   * that are not its users are left out. For a slice of names at a time (a few thousand): one query.
   */
  public static List<UserSpec> named(Database db, String server, boolean activeOnly, Collection<String> names) {
    if (names.isEmpty()) {
      return List.of();
    }
    String sql = "select u.username, u.credentials from vpn_user u join vpn_server s on s.id = u.server_id"
        + " where s.name = :server and u.username in (:names)" + (activeOnly ? " and u.status = :status" : "")
        + " order by u.id";
    var q = db.sqlQuery(sql).setParameter("server", server).setParameter("names", List.copyOf(names));
    if (activeOnly) {
      q.setParameter("status", UserStatus.ACTIVE.code());
    }
    return q.mapTo((rs, row) -> new UserSpec(rs.getString(1), Credentials.fromJson(rs.getString(2)))).findList();
  }

  /**
   * Each of the server's users (active ones, or every one) handed over as it is read, in the order of their ids,
   * and not kept: for a caller that keeps one field of each (a port, a key), not 100,000 parsed credentials.
   */
  public static void forEach(Database db, String server, boolean activeOnly, Consumer<UserSpec> to) {
    query(db, null, server, activeOnly).findEachRow((rs, row) ->
        to.accept(new UserSpec(rs.getString(1), Credentials.fromJson(rs.getString(2)))));
  }

  private static List<UserSpec> read(Database db, Transaction txn, String server, boolean activeOnly) {
    return query(db, txn, server, activeOnly)
        .mapTo((rs, row) -> new UserSpec(rs.getString(1), Credentials.fromJson(rs.getString(2)))).findList();
  }

  /** Name and credentials of the server's users (active ones, or every one), in the order of their ids. */
  private static io.ebean.SqlQuery query(Database db, Transaction txn, String server, boolean activeOnly) {
    String sql = "select u.username, u.credentials from vpn_user u join vpn_server s on s.id = u.server_id"
        + " where s.name = :server" + (activeOnly ? " and u.status = :status" : "") + " order by u.id";
    var q = db.sqlQuery(sql).setParameter("server", server);
    if (activeOnly) {
      q.setParameter("status", UserStatus.ACTIVE.code());
    }
    if (txn != null) {
      q.usingTransaction(txn);
    }
    return q;
  }
}
