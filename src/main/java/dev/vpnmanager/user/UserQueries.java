package dev.vpnmanager.user;

import dev.vpnmanager.common.Names;
import dev.vpnmanager.common.NotFoundException;
import dev.vpnmanager.domain.UserStatus;
import dev.vpnmanager.domain.VpnServer;
import dev.vpnmanager.domain.VpnUser;
import io.ebean.Database;
import io.ebean.ExpressionList;
import io.ebean.PagedList;
import io.ebean.Transaction;
import io.ebean.annotation.Platform;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;

/** Read side of users: lookups, the paged list, and the sets jobs work on. */
@Singleton
public final class UserQueries {
  private final Database db;

  @Inject
  public UserQueries(Database db) {
    this.db = db;
  }

  public Optional<VpnUser> find(String username) {
    return db.find(VpnUser.class).fetch("server").where().eq("username", username).findOneOrEmpty();
  }

  public VpnUser require(String username) {
    return find(username).orElseThrow(() -> notFound(username));
  }

  VpnUser require(Transaction txn, String username) {
    VpnUser u = db.find(VpnUser.class).usingTransaction(txn).fetch("server")
        .where().eq("username", username).findOne();
    if (u == null) {
      throw notFound(username);
    }
    return u;
  }

  boolean exists(Transaction txn, String username) {
    return db.find(VpnUser.class).usingTransaction(txn).where().eq("username", username).exists();
  }

  /** One page of users ordered by name, optionally filtered by status and a search text (see {@link #all}). */
  public UserPage page(UserStatus status, String search, int page, int pageSize) {
    ExpressionList<VpnUser> q = filtered(status, search);
    PagedList<VpnUser> pl = q.orderBy("username").setFirstRow(page * pageSize).setMaxRows(pageSize).findPagedList();
    List<UserRecord> users = pl.getList().stream().map(u -> UserRecord.of(u, false)).toList();
    return new UserPage(users, page, pageSize, pl.getTotalCount());
  }

  public List<UserRecord> all(UserStatus status) {
    return all(status, null);
  }

  /** Users ordered by name; {@code search} matches name, email or note, ignoring case (ASCII letters). */
  public List<UserRecord> all(UserStatus status, String search) {
    ExpressionList<VpnUser> q = filtered(status, search);
    return q.orderBy("username").findList().stream().map(u -> UserRecord.of(u, false)).toList();
  }

  private ExpressionList<VpnUser> filtered(UserStatus status, String search) {
    ExpressionList<VpnUser> q = db.find(VpnUser.class).fetch("server", "name").where();
    if (status != null) {
      q.eq("status", status);
    }
    if (search != null && !search.isBlank()) {
      String t = search.strip();
      q.or().icontains("username", t).icontains("email", t).icontains("note", t).endOr();
    }
    return q;
  }

  /** Active users whose expiry has come: what the enforcement job acts on. */
  public List<VpnUser> dueForExpiry(Instant now) {
    return db.find(VpnUser.class).where().eq("status", UserStatus.ACTIVE).isNotNull("expiresAt")
        .le("expiresAt", now).findList();
  }

  /** The name of the user with this id, for button data that carries ids to stay under 64 bytes. */
  public Optional<String> nameOf(long id) {
    return db.find(VpnUser.class).select("username").where().idEq(id).findOneOrEmpty().map(VpnUser::getUsername);
  }

  /** How many users have each status (every status present, 0 when none). */
  public Map<UserStatus, Integer> countByStatus() {
    Map<UserStatus, Integer> out = new java.util.EnumMap<>(UserStatus.class);
    for (UserStatus st : UserStatus.values()) {
      out.put(st, db.find(VpnUser.class).where().eq("status", st).findCount());
    }
    return out;
  }

  public int count() {
    return db.find(VpnUser.class).findCount();
  }

  Set<String> usedAddresses(Transaction txn, VpnServer server) {
    Set<String> used = new HashSet<>();
    if (server == null) {
      return used;
    }
    // the two fields picked out by the database, row by row: at 100,000 users, entities with their credentials
    // parsed in Java took ~150 ms of every add (inside its write transaction)
    String sql = db.platform().base() == Platform.POSTGRES
        ? "select cast(credentials as json) ->> 'address', cast(credentials as json) ->> 'port' from vpn_user"
            + " where server_id = :server"
        : "select json_extract(credentials, '$.address'), json_extract(credentials, '$.port') from vpn_user"
            + " where server_id = :server";
    var q = db.sqlQuery(sql).setParameter("server", server.getId());
    if (txn != null) {
      q.usingTransaction(txn);
    }
    q.findEachRow((rs, row) -> {
      for (int i = 1; i <= 2; i++) {
        String slot = rs.getString(i);
        if (slot != null) {
          used.add(slot);
        }
      }
    });
    return used;
  }

  private static NotFoundException notFound(String username) {
    return new NotFoundException("no user named '" + Names.printable(username == null ? "" : username) + "'");
  }
}
