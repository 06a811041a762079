package dev.vpnmanager.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/**
 * Bytes one traffic cycle counted for one user on one server and UTC day, not yet folded into
 * {@link DailyTraffic}. A cycle only appends these rows (cheap: they land on the table's last pages), instead of
 * updating one daily row per changed user (each update dirties another page of a large table); the fold moves
 * them into daily_traffic in batches (traffic/TrafficFold). Readers see both through {@link DailyUsage}.
 */
@Entity
@Table(name = "traffic_log")
public class TrafficLogEntry {
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
