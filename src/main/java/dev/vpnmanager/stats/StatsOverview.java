package dev.vpnmanager.stats;

import dev.vpnmanager.chart.Charts;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What an admin sees at a glance: users by status, the top users of this UTC month, and traffic per server per
 * day from {@code from} to {@code today} (with each server's total over those days).
 */
public record StatsOverview(LocalDate today, Map<String, Integer> usersByStatus, LocalDate monthStart,
                            List<Top> topThisMonth, LocalDate from, Map<LocalDate, Map<String, Long>> perServerDaily,
                            Map<String, Long> perServerTotal) {
  /** A user and their bytes this month; a deleted user is named by id. */
  public record Top(String username, long bytes) {}

  public int users() {
    return usersByStatus.values().stream().mapToInt(Integer::intValue).sum();
  }

  public long totalBytes() {
    return perServerTotal.values().stream().mapToLong(Long::longValue).sum();
  }

  public int days() {
    return (int) (today.toEpochDay() - from.toEpochDay()) + 1;
  }

  /** The PNG: traffic per day, one stacked colour per server (English labels). */
  public byte[] chart() {
    return chart("en");
  }

  /** The same with its labels in the language. */
  public byte[] chart(String language) {
    return Charts.perServer(language, Charts.serversTitle(language, days()), from, today, perServerDaily);
  }
}
