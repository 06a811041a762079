package dev.vpnmanager.testing;

import io.ebean.Database;
import io.ebean.Transaction;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;

/** Writes daily_traffic rows the way the traffic collector does (a JDBC date per UTC day). */
public final class TrafficRows {
  private TrafficRows() {}

  public static void add(Database db, String username, String server, LocalDate day, long bytes) {
    long id = db.sqlQuery("select id from vpn_user where username = ?").setParameter(username).findOne()
        .getLong("id");
    try (Transaction t = db.beginTransaction()) {
      Connection c = t.connection();
      try (PreparedStatement ps = c.prepareStatement("insert into daily_traffic (user_id, server_name, day, bytes)"
          + " values (?, ?, ?, ?) on conflict (user_id, server_name, day)"
          + " do update set bytes = daily_traffic.bytes + excluded.bytes")) {
        ps.setLong(1, id);
        ps.setString(2, server);
        ps.setDate(3, Date.valueOf(day));
        ps.setLong(4, bytes);
        ps.executeUpdate();
      }
      t.commit();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
