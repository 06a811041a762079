package dev.vpnmanager.stats;

import dev.vpnmanager.chart.Charts;
import java.time.LocalDate;
import java.util.Map;

/**
 * One user's traffic per UTC day from {@code from} to {@code to} (every day present, 0 when idle), the total of
 * those days, and the user's quota now ({@code limitBytes} 0 = unlimited, {@code usedBytes} since the last reset).
 */
public record UserUsage(String username, LocalDate from, LocalDate to, Map<LocalDate, Long> daily, long totalBytes,
                        long usedBytes, long limitBytes) {
  public UserUsage {
    daily = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(daily));
  }

  public int days() {
    return daily.size();
  }

  /** The PNG: daily bars, the running total, and the limit line when the user has a limit (English labels). */
  public byte[] chart() {
    return chart("en");
  }

  /** The same with its labels in the language. */
  public byte[] chart(String language) {
    return Charts.usage(language, Charts.usageTitle(language, username, days()), from, to, daily, limitBytes);
  }
}
