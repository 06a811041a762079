package dev.vpnmanager.enforce;

import dev.vpnmanager.domain.AlertRecord;
import dev.vpnmanager.domain.UserStatus;
import dev.vpnmanager.domain.VpnUser;
import io.ebean.Database;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;

/** The sets the enforcement sweep works on, each one query selecting only the columns it needs. */
@Singleton
public final class EnforceQueries {
  private final Database db;

  @Inject
  public EnforceQueries(Database db) {
    this.db = db;
  }

  /** Active users with a limit who used at least {@code percent} of it (over-limit ones included). */
  public List<VpnUser> nearQuota(int percent) {
    return db.find(VpnUser.class).select("username, limitBytes, usedBytes, nextResetAt").where()
        .eq("status", UserStatus.ACTIVE).gt("limitBytes", 0)
        .raw("usedBytes * 100 >= limitBytes * ?", percent).findList();
  }

  /** Active users whose expiry falls in (from, to]: the ones to warn (index on expires_at). */
  public List<VpnUser> expiringBetween(Instant from, Instant to) {
    return db.find(VpnUser.class).select("username, expiresAt").where()
        .gt("expiresAt", from).le("expiresAt", to).eq("status", UserStatus.ACTIVE).findList();
  }

  /** Users whose quota reset is due (index on next_reset_at). */
  public List<VpnUser> dueForReset(Instant now) {
    return db.find(VpnUser.class).select("username, resetStrategy, resetDay, nextResetAt").where()
        .le("nextResetAt", now).findList();
  }

  /** Which of these alert keys were already raised (checked in chunks, one query each). */
  public Set<String> raised(List<String> keys) {
    Set<String> out = new HashSet<>();
    for (int i = 0; i < keys.size(); i += 500) {
      List<String> chunk = new ArrayList<>(keys.subList(i, Math.min(keys.size(), i + 500)));
      db.find(AlertRecord.class).select("alertKey").where().in("alertKey", chunk).findList()
          .forEach(a -> out.add(a.getAlertKey()));
    }
    return out;
  }
}
