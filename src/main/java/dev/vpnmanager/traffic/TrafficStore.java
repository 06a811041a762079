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

  /** Adds the deltas to each user's used bytes and to their total of the day on this server. */
  void addUsage(String server, LocalDate day, Map<String, Long> deltas) throws SQLException {
    try (PreparedStatement used = c.prepareStatement(
        "update vpn_user set used_bytes = used_bytes + ? where username = ?");
        PreparedStatement daily = c.prepareStatement("insert into daily_traffic (user_id, server_name, day, bytes)"
            + " select id, ?, ?, ? from vpn_user where username = ?"
            + " on conflict (user_id, server_name, day) do update set bytes = daily_traffic.bytes + excluded.bytes")) {
      Date sqlDay = Date.valueOf(day);
      for (Map.Entry<String, Long> e : deltas.entrySet()) {
        used.setLong(1, e.getValue());
        used.setString(2, e.getKey());
        used.addBatch();
        daily.setString(1, server);
        daily.setDate(2, sqlDay);
        daily.setLong(3, e.getValue());
        daily.setString(4, e.getKey());
        daily.addBatch();
      }
      used.executeBatch();
      daily.executeBatch();
    }
  }
}
