package dev.vpnmanager.domain;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/**
 * Bytes one user moved through one server on one UTC day, for /usage and the daily digest. Keyed by the
 * user's id without a foreign key, so deleting a user is not blocked by their history. Written in bulk.
 */
@Entity
@Table(name = "daily_traffic",
    uniqueConstraints = @UniqueConstraint(columnNames = {"user_id", "server_name", "day"}))
public class DailyTraffic extends DayBytes {
  @Id
  private Long id;

  public Long getId() {
    return id;
  }
}
