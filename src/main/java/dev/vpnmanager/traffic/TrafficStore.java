package dev.vpnmanager.traffic;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * The SQL of one cycle, on the cycle's own transaction connection. Plain JDBC batches because a cycle touches
 * 10,000+ rows in a few tens of milliseconds; the upserts use ON CONFLICT, which SQLite and PostgreSQL share.
 */
final class TrafficStore {
  private final Connection c;

  TrafficStore(Connection c) {
    this.c = c;
  }

  Map<String, Long> lastSeen(String server) throws SQLException {
    Map<String, Long> out = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(
        "select counter_key, last_value from traffic_counter where server_name = ?")) {
      ps.setString(1, server);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    return out;
  }

  void saveCounters(String server, Map<String, Long> values) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("insert into traffic_counter (server_name, counter_key, last_value)"
        + " values (?, ?, ?) on conflict (server_name, counter_key) do update set last_value = excluded.last_value")) {
      for (Map.Entry<String, Long> e : values.entrySet()) {
        ps.setString(1, server);
        ps.setString(2, e.getKey());
        ps.setLong(3, e.getValue());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** User ids by name, read once per cycle: updates by primary key are the cheapest SQLite has. */
  Map<String, Long> userIds() throws SQLException {
    Map<String, Long> out = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("select id, username from vpn_user");
         ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getString(2), rs.getLong(1));
      }
    }
    return out;
  }

  /** Adds the deltas to each user's used bytes and to their total of the day on this server. */
  void addUsage(String server, LocalDate day, Map<String, Long> deltas, Map<String, Long> ids) throws SQLException {
    try (PreparedStatement used = c.prepareStatement("update vpn_user set used_bytes = used_bytes + ? where id = ?");
        PreparedStatement daily = c.prepareStatement("insert into daily_traffic (user_id, server_name, day, bytes)"
            + " values (?, ?, ?, ?)"
            + " on conflict (user_id, server_name, day) do update set bytes = daily_traffic.bytes + excluded.bytes")) {
      Date sqlDay = Date.valueOf(day);
      for (Map.Entry<String, Long> e : deltas.entrySet()) {
        Long id = ids.get(e.getKey());
        if (id == null) {
          continue;
        }
        used.setLong(1, e.getValue());
        used.setLong(2, id);
        used.addBatch();
        daily.setLong(1, id);
        daily.setString(2, server);
        daily.setDate(3, sqlDay);
        daily.setLong(4, e.getValue());
        daily.addBatch();
      }
      used.executeBatch();
      daily.executeBatch();
    }
  }
}
