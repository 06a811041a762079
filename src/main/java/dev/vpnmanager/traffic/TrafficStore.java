package dev.vpnmanager.traffic;

import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL of one cycle, on the cycle's own transaction connection. A cycle is a few statements per server
 * whatever the number of users: one snapshot row, one append of the users' bytes of the day to traffic_log
 * (folded into daily_traffic later, in batches: {@link #fold}) and one multi-row upsert of their used bytes from
 * the rows just appended (the narrow table user_usage, so a cycle dirties few pages; vpn_user rows are wide and
 * only read here). The deltas go in as one parameter (a JSON object read by SQLite's {@code json_each}, or two
 * arrays read by PostgreSQL's {@code unnest}, where append and upsert are one statement) and are joined to
 * vpn_user by its unique username once, so no row goes through JDBC one at a time.
 */
final class TrafficStore {
  private static final String SAVE = "insert into traffic_snapshot (server_name, epoch, generation, counters)"
      + " values (?, ?, ?, ?) on conflict (server_name) do update set epoch = excluded.epoch,"
      + " generation = excluded.generation, counters = excluded.counters";
  private static final String DAILY_CONFLICT = " on conflict (user_id, server_name, day)"
      + " do update set bytes = daily_traffic.bytes + excluded.bytes";
  private static final String USED_CONFLICT = " on conflict (user_id)"
      + " do update set used_bytes = user_usage.used_bytes + excluded.used_bytes";
  /** The used bytes from the log rows this cycle just appended (ids above the log's top before it). */
  private static final String SQLITE_USED = "insert into user_usage (user_id, used_bytes)"
      + " select user_id, bytes from traffic_log where id > ?" + USED_CONFLICT;
  private static final String SQLITE_LOG = "insert into traffic_log (user_id, server_name, day, bytes)"
      + " select u.id, ?, ?, d.value from json_each(?) d join vpn_user u on u.username = d.key";
  /** Appends to the log and adds the same rows to the used bytes, in one statement. */
  private static final String PG_USAGE = "with logged as (insert into traffic_log (user_id, server_name, day,"
      + " bytes) select u.id, ?, ?, d.bytes from unnest(?::varchar[], ?::bigint[]) as d(name, bytes)"
      + " join vpn_user u on u.username = d.name returning user_id, bytes)"
      + " insert into user_usage (user_id, used_bytes) select user_id, bytes from logged" + USED_CONFLICT;
  /** Moves the oldest rows of the log into the daily totals in one statement: what is deleted is what is added. */
  private static final String PG_FOLD = "with moved as (delete from traffic_log where id in"
      + " (select id from traffic_log order by id limit ?) returning user_id, server_name, day, bytes),"
      + " added as (insert into daily_traffic (user_id, server_name, day, bytes)"
      + " select user_id, server_name, day, sum(bytes) from moved group by user_id, server_name, day"
      + DAILY_CONFLICT + ") select count(*) from moved";
  private static final String SQLITE_FOLD = "insert into daily_traffic (user_id, server_name, day, bytes)"
      + " select user_id, server_name, day, sum(bytes) from traffic_log where id <= ?"
      + " group by user_id, server_name, day" + DAILY_CONFLICT;

  private final Connection c;
  private final boolean postgres;

  TrafficStore(Connection c, boolean postgres) {
    this.c = c;
    this.postgres = postgres;
  }

  /**
   * The epoch of the server's snapshot row and the server's generation (the highest of the row's and its
   * patches'); null if it has no row.
   */
  Head head(String server) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select s.epoch, s.generation,"
        + " (select max(p.generation) from traffic_patch p where p.server_name = s.server_name)"
        + " from traffic_snapshot s where s.server_name = ?")) {
      ps.setString(1, server);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new Head(rs.getString(1), Math.max(rs.getLong(2), rs.getLong(3))) : null;
      }
    }
  }

  record Head(String epoch, long generation) {}

  /** The server's last values: the snapshot row's "name TAB value" lines, then each patch's, oldest first. */
  Stored counters(String server) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select counters, -1 as g from traffic_snapshot"
        + " where server_name = ? union all select counters, generation from traffic_patch where server_name = ?"
        + " order by g")) {
      ps.setString(1, server);
      ps.setString(2, server);
      try (ResultSet rs = ps.executeQuery()) {
        String base = "";
        List<String> patches = new java.util.ArrayList<>();
        while (rs.next()) {
          if (rs.getLong(2) < 0) {
            base = rs.getString(1);
          } else {
            patches.add(rs.getString(1));
          }
        }
        return new Stored(base, patches);
      }
    }
  }

  record Stored(String base, List<String> patches) {}

  /** The server's whole snapshot row, in place of the row and its patches. */
  void save(String server, String epoch, long generation, String counters) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SAVE);
        PreparedStatement drop = c.prepareStatement("delete from traffic_patch where server_name = ?")) {
      ps.setString(1, server);
      ps.setString(2, epoch);
      ps.setLong(3, generation);
      ps.setString(4, counters);
      ps.executeUpdate();
      drop.setString(1, server);
      drop.executeUpdate();
    }
  }

  /** The lines of the counters a cycle moved, as the server's next generation. */
  void patch(String server, long generation, String counters) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "insert into traffic_patch (server_name, generation, counters) values (?, ?, ?)")) {
      ps.setString(1, server);
      ps.setLong(2, generation);
      ps.setString(3, counters);
      ps.executeUpdate();
    }
  }

  /** The ids of those of these names that are users. */
  Map<String, Long> userIds(List<String> names) throws SQLException {
    Map<String, Long> out = new HashMap<>();
    String sql = postgres
        ? "select u.username, u.id from vpn_user u join unnest(?::varchar[]) as d(name) on u.username = d.name"
        : "select u.username, u.id from json_each(?) d join vpn_user u on u.username = d.value";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (postgres) {
        ps.setArray(1, c.createArrayOf("varchar", names.toArray(String[]::new)));
      } else {
        StringBuilder json = new StringBuilder(names.size() * 12).append('[');
        for (String n : names) {
          quote(json.length() > 1 ? json.append(',') : json, n);
        }
        ps.setString(1, json.append(']').toString());
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    return out;
  }

  /**
   * Adds {@code bytes[i]} to the used bytes of user {@code names[i]} and to their total of the day on this
   * server, for i below n, in that order (see TrafficCollector.step).
   */
  void addUsage(String server, LocalDate day, String[] names, long[] bytes, int n) throws SQLException {
    if (n == 0) {
      return;
    }
    if (postgres) {
      Long[] boxed = new Long[n];
      for (int i = 0; i < n; i++) {
        boxed[i] = bytes[i];
      }
      Array na = c.createArrayOf("varchar", n == names.length ? names : java.util.Arrays.copyOf(names, n));
      Array b = c.createArrayOf("bigint", boxed);
      try (PreparedStatement usage = c.prepareStatement(PG_USAGE)) {
        usage.setString(1, server);
        usage.setDate(2, Date.valueOf(day));
        usage.setArray(3, na);
        usage.setArray(4, b);
        usage.executeUpdate();
      }
      return;
    }
    // the cycle's transaction began IMMEDIATE: nobody else appends to the log until it ends
    long top;
    try (PreparedStatement ps = c.prepareStatement("select coalesce(max(id), 0) from traffic_log");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      top = rs.getLong(1);
    }
    try (PreparedStatement daily = c.prepareStatement(SQLITE_LOG);
        PreparedStatement used = c.prepareStatement(SQLITE_USED)) {
      daily.setString(1, server);
      daily.setDate(2, Date.valueOf(day));
      daily.setString(3, json(names, bytes, n));
      daily.executeUpdate();
      used.setLong(1, top);
      used.executeUpdate();
    }
  }

  /** About how many rows traffic_log holds (the span of its ids: the fold removes the oldest first). */
  long pending() throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select coalesce(max(id) - min(id) + 1, 0) from traffic_log");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  /**
   * Moves the oldest {@code limit} rows of traffic_log, summed per user, server and day, into daily_traffic;
   * returns how many log rows it moved. On SQLite the caller's write transaction is the only writer, so the
   * insert and the delete see the same rows; PostgreSQL does both in one statement.
   */
  int fold(int limit) throws SQLException {
    if (postgres) {
      try (PreparedStatement ps = c.prepareStatement(PG_FOLD)) {
        ps.setInt(1, limit);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? rs.getInt(1) : 0;
        }
      }
    }
    long upTo;
    try (PreparedStatement ps = c.prepareStatement(
        "select max(id), count(*) from (select id from traffic_log order by id limit ?)")) {
      ps.setInt(1, limit);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        upTo = rs.getLong(1);
        if (rs.getLong(2) == 0) {
          return 0;
        }
      }
    }
    try (PreparedStatement add = c.prepareStatement(SQLITE_FOLD);
        PreparedStatement drop = c.prepareStatement("delete from traffic_log where id <= ?")) {
      add.setLong(1, upTo);
      add.executeUpdate();
      drop.setLong(1, upTo);
      return drop.executeUpdate();
    }
  }

  /** {"name":bytes,...}; names escaped as JSON strings. */
  static String json(String[] names, long[] bytes, int n) {
    StringBuilder out = new StringBuilder(n * 20 + 2).append('{');
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        out.append(',');
      }
      quote(out, names[i]).append(':').append(bytes[i]);
    }
    return out.append('}').toString();
  }

  private static StringBuilder quote(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '"' || ch == '\\') {
        out.append('\\').append(ch);
      } else if (ch < 0x20) {
        out.append(String.format("\\u%04x", (int) ch));
      } else {
        out.append(ch);
      }
    }
    return out.append('"');
  }
}
