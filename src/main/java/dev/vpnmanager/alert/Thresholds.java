package dev.vpnmanager.alert;

import dev.vpnmanager.config.ConfigKey;
import dev.vpnmanager.config.ConfigKeys;
import dev.vpnmanager.config.Settings;
import dev.vpnmanager.common.InvalidInputException;
import java.time.Duration;

/** Resource alert thresholds from the configuration. */
public record Thresholds(double cpuPercent, double memoryPercent, Duration sustained) {
  public static Thresholds of(Settings s) {
    return new Thresholds(percent(s, ConfigKeys.ALERTS_CPU_PERCENT), percent(s, ConfigKeys.ALERTS_MEMORY_PERCENT),
        s.duration(ConfigKeys.ALERTS_SUSTAINED));
  }

  private static double percent(Settings s, ConfigKey key) {
    try {
      double v = Double.parseDouble(s.get(key));
      if (v > 0 && v <= 100) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidInputException(key.path() + " must be a percentage between 1 and 100, not '" + s.get(key) + "'");
  }
}
