package dev.vpnmanager.domain;

import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.common.Names;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

/**
 * A quota reset policy as typed and shown: {@code never}, {@code daily}, {@code weekly[:DAY]} (1 = Monday ...
 * 7 = Sunday, default 1) or {@code monthly[:DAY]} (1-31, default 1; a shorter month resets on its last day).
 */
public record ResetPolicy(ResetStrategy strategy, int day) {
  public static final ResetPolicy NEVER = new ResetPolicy(ResetStrategy.NONE, 0);

  public ResetPolicy {
    switch (strategy) {
      case NONE, DAILY -> day = 0;
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
      default -> throw new IllegalStateException(strategy.name());
    }
  }

  public static ResetPolicy parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidInputException("a reset strategy is daily, weekly[:DAY], monthly[:DAY] or never");
    }
    String t = text.strip();
    int colon = t.indexOf(':');
    ResetStrategy s = ResetStrategy.parse(colon < 0 ? t : t.substring(0, colon));
    if (colon < 0) {
      return new ResetPolicy(s, s == ResetStrategy.WEEKLY || s == ResetStrategy.MONTHLY ? 1 : 0);
    }
    String day = t.substring(colon + 1);
    if (s == ResetStrategy.NONE || s == ResetStrategy.DAILY || !day.matches("\\d{1,2}")) {
      throw new InvalidInputException("invalid reset strategy '" + Names.printable(t)
          + "': expected daily, weekly[:1-7], monthly[:1-31] or never");
    }
    return new ResetPolicy(s, Integer.parseInt(day));
  }

  /** The policy of a stored user (an out-of-range stored day falls back to 1). */
  public static ResetPolicy of(ResetStrategy strategy, int day) {
    ResetStrategy s = strategy == null ? ResetStrategy.NONE : strategy;
    boolean needsDay = s == ResetStrategy.WEEKLY || s == ResetStrategy.MONTHLY;
    return new ResetPolicy(s, needsDay && (day < 1 || day > (s == ResetStrategy.WEEKLY ? 7 : 31)) ? 1 : day);
  }

  /** The first reset strictly after {@code after}, at 00:00 UTC, or null for never. */
  public Instant nextAfter(Instant after) {
    LocalDate today = LocalDate.ofInstant(after, ZoneOffset.UTC);
    LocalDate next = switch (strategy) {
      case NONE -> null;
      case DAILY -> today.plusDays(1);
      case WEEKLY -> today.with(TemporalAdjusters.next(DayOfWeek.of(day)));
      case MONTHLY -> {
        LocalDate candidate = onDay(today, day);
        yield candidate.isAfter(today) ? candidate : onDay(today.plusMonths(1).withDayOfMonth(1), day);
      }
    };
    return next == null ? null : next.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  private static LocalDate onDay(LocalDate inMonth, int day) {
    return inMonth.withDayOfMonth(Math.min(day, inMonth.lengthOfMonth()));
  }

  public boolean isNever() {
    return strategy == ResetStrategy.NONE;
  }

  @Override
  public String toString() {
    return day > 0 ? strategy.word() + ":" + day : strategy.word();
  }
}
