package dev.vpnmanager.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.LocalDate;

/**
 * Bytes one user moved through one server on one UTC day, for /usage and the daily digest. Keyed by the
 * user's id without a foreign key, so deleting a user is not blocked by their history. Written in bulk.
 */
@Entity
@Table(name = "daily_traffic",
    uniqueConstraints = @UniqueConstraint(columnNames = {"user_id", "server_name", "day"}))
public class DailyTraffic {
  @Id
  private Long id;

  @Column(nullable = false)
  private long userId;

  @Column(nullable = false, length = 32)
  private String serverName;

  @Column(nullable = false)
  private LocalDate day;

  private long bytes;

  public Long getId() {
    return id;
  }

  public long getUserId() {
    return userId;
  }

  public String getServerName() {
    return serverName;
  }

  public LocalDate getDay() {
    return day;
  }

  public long getBytes() {
    return bytes;
  }
}
