package dev.vpnmanager.domain;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import java.time.LocalDate;

/**
 * The columns every daily-traffic shape shares: bytes one user moved through one server on one UTC day, the user
 * keyed by id without a foreign key (deleting a user is not blocked by their history). {@link DailyTraffic} (folded
 * totals), {@link TrafficLogEntry} (a cycle's rows not yet folded) and {@link DailyUsage} (the view over both).
 */
@MappedSuperclass
public abstract class DayBytes {
  @Column(nullable = false)
  private long userId;

  @Column(nullable = false, length = 32)
  private String serverName;

  @Column(nullable = false)
  private LocalDate day;

  private long bytes;

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
