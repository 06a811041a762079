package dev.vpnmanager.traffic;

import dev.vpnmanager.domain.DailyUsage;
import io.ebean.Database;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Daily traffic totals, for /usage, the daily digest and `top` (the view daily_usage: folded daily rows and the
 * cycles' rows not yet folded, summed here); the counters last seen per server.
 */
@Singleton
public final class UsageQueries {
  private final Database db;

  @Inject
  public UsageQueries(Database db) {
    this.db = db;
  }

  /** Bytes per day (all servers together) for one user, from {@code from} to {@code to} inclusive. */
  public Map<LocalDate, Long> daily(long userId, LocalDate from, LocalDate to) {
    Map<LocalDate, Long> out = new TreeMap<>();
    for (DailyUsage d : rows().where().eq("userId", userId).between("day", from, to).findList()) {
      out.merge(d.getDay(), d.getBytes(), Long::sum);
    }
    return out;
  }

  /** Bytes per server on one day. */
  public Map<String, Long> byServer(LocalDate day) {
    Map<String, Long> out = new TreeMap<>();
    for (DailyUsage d : rows().where().eq("day", day).findList()) {
      out.merge(d.getServerName(), d.getBytes(), Long::sum);
    }
    return out;
  }

  /** Bytes per day and server from {@code from} to {@code to} inclusive (days without traffic are absent). */
  public Map<LocalDate, Map<String, Long>> dailyByServer(LocalDate from, LocalDate to) {
    Map<LocalDate, Map<String, Long>> out = new TreeMap<>();
    for (DailyUsage d : rows().where().between("day", from, to).findList()) {
      out.computeIfAbsent(d.getDay(), k -> new TreeMap<>()).merge(d.getServerName(), d.getBytes(), Long::sum);
    }
    return out;
  }

  /** Bytes per user id from {@code from} to {@code to} inclusive, all servers together. */
  public Map<Long, Long> byUser(LocalDate from, LocalDate to) {
    Map<Long, Long> out = new java.util.HashMap<>();
    for (DailyUsage d : rows().where().between("day", from, to).findList()) {
      out.merge(d.getUserId(), d.getBytes(), Long::sum);
    }
    return out;
  }

  /** Bytes per user id (all servers together) on one day. */
  public Map<Long, Long> byUser(LocalDate day) {
    Map<Long, Long> out = new TreeMap<>();
    for (DailyUsage d : rows().where().eq("day", day).findList()) {
      out.merge(d.getUserId(), d.getBytes(), Long::sum);
    }
    return out;
  }

  /** The absolute counters the traffic job last saw on one server, per user name, and the epoch they count from. */
  public record ServerCounters(String server, String epoch, Map<String, Long> values) {}

  /**
   * Every server's last-seen counters (the traffic_snapshot rows with their patches over them, read in one
   * statement), for rates between two of them.
   */
  public List<ServerCounters> lastCounters() {
    Map<String, CounterTable> tables = new TreeMap<>();
    Map<String, String> epochs = new java.util.HashMap<>();
    for (io.ebean.SqlRow row : db.sqlQuery("select server_name, epoch, counters, -1 as g from traffic_snapshot"
        + " union all select server_name, null, counters, generation from traffic_patch order by 1, 4").findList()) {
      String server = row.getString("server_name");
      CounterTable t = tables.computeIfAbsent(server, k -> new CounterTable());
      if (row.getLong("g") < 0) {
        t.clearLast();
        epochs.put(server, row.getString("epoch"));
      }
      t.decode(row.getString("counters"));
    }
    return tables.entrySet().stream().filter(e -> epochs.containsKey(e.getKey()))
        .map(e -> new ServerCounters(e.getKey(), epochs.get(e.getKey()), e.getValue().values()))
        .toList();
  }

  private io.ebean.Query<DailyUsage> rows() {
    return db.find(DailyUsage.class);
  }

  /** Exposed for tests and the digest: the number of rows kept. */
  List<DailyUsage> all() {
    return rows().findList();
  }
}
