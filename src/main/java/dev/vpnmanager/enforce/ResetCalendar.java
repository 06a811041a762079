package dev.vpnmanager.enforce;

import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.domain.ResetPolicy;
import dev.vpnmanager.domain.ResetStrategy;
import java.time.Instant;

/**
 * When a quota resets next, at 00:00 UTC: daily every day; weekly on a day of the week (1 = Monday ... 7);
 * monthly on a day of the month (1-31), on the month's last day when it is shorter (day 31 resets on
 * 30 April and on 28 or 29 February; day 29 on 28 February in common years).
 */
public final class ResetCalendar {
  private ResetCalendar() {}

  /** Checks the day for the strategy and returns it (0 for none and daily). */
  public static int validDay(ResetStrategy s, int day) {
    switch (s) {
      case NONE, DAILY -> {
        return 0;
      }
      case WEEKLY -> {
        if (day < 1 || day > 7) {
          throw new InvalidInputException("weekly reset day must be 1 (Monday) to 7 (Sunday), not " + day);
        }
      }
      case MONTHLY -> {
        if (day < 1 || day > 31) {
          throw new InvalidInputException("monthly reset day must be 1 to 31, not " + day);
        }
      }
      default -> throw new IllegalStateException(s.name());
    }
    return day;
  }

  /** The first reset strictly after {@code after}, or null for none. */
  public static Instant next(ResetStrategy s, int day, Instant after) {
    return s == ResetStrategy.NONE ? null : new ResetPolicy(s, validDay(s, day)).nextAfter(after);
  }
}
