package dev.vpnmanager.enforce;

import static dev.vpnmanager.domain.ResetStrategy.DAILY;
import static dev.vpnmanager.domain.ResetStrategy.MONTHLY;
import static dev.vpnmanager.domain.ResetStrategy.NONE;
import static dev.vpnmanager.domain.ResetStrategy.WEEKLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.domain.ResetStrategy;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ResetCalendarTest {
  static Instant next(ResetStrategy s, int day, String after) {
    return ResetCalendar.next(s, day, Instant.parse(after));
  }

  @Test
  void dailyAndWeeklyAndNone() {
    assertNull(next(NONE, 0, "2026-01-01T10:00:00Z"));
    assertEquals(Instant.parse("2026-01-02T00:00:00Z"), next(DAILY, 0, "2026-01-01T00:00:00Z"));
    assertEquals(Instant.parse("2026-01-02T00:00:00Z"), next(DAILY, 0, "2026-01-01T23:59:59Z"));
    // 2026-01-01 is a Thursday; Monday = 1
    assertEquals(Instant.parse("2026-01-05T00:00:00Z"), next(WEEKLY, 1, "2026-01-01T10:00:00Z"));
    assertEquals(Instant.parse("2026-01-08T00:00:00Z"), next(WEEKLY, 4, "2026-01-01T00:00:00Z"));
  }

  @Test
  void monthlyOnADayTheMonthHas() {
    assertEquals(Instant.parse("2026-01-15T00:00:00Z"), next(MONTHLY, 15, "2026-01-14T23:00:00Z"));
    assertEquals(Instant.parse("2026-02-15T00:00:00Z"), next(MONTHLY, 15, "2026-01-15T00:00:00Z"));
    assertEquals(Instant.parse("2027-01-01T00:00:00Z"), next(MONTHLY, 1, "2026-12-01T00:00:00Z"));
  }

  @Test
  void monthEndsAndLeapDays() {
    assertEquals(Instant.parse("2026-01-31T00:00:00Z"), next(MONTHLY, 31, "2026-01-02T00:00:00Z"));
    assertEquals(Instant.parse("2026-02-28T00:00:00Z"), next(MONTHLY, 31, "2026-01-31T00:00:00Z"));
    assertEquals(Instant.parse("2026-03-31T00:00:00Z"), next(MONTHLY, 31, "2026-02-28T00:00:00Z"));
    assertEquals(Instant.parse("2026-04-30T00:00:00Z"), next(MONTHLY, 31, "2026-03-31T00:00:00Z"));
    assertEquals(Instant.parse("2028-02-29T00:00:00Z"), next(MONTHLY, 31, "2028-01-31T00:00:00Z"));
    assertEquals(Instant.parse("2028-02-29T00:00:00Z"), next(MONTHLY, 29, "2028-01-29T00:00:00Z"));
    assertEquals(Instant.parse("2027-02-28T00:00:00Z"), next(MONTHLY, 29, "2027-01-29T00:00:00Z"));
    assertEquals(Instant.parse("2027-03-29T00:00:00Z"), next(MONTHLY, 29, "2027-02-28T00:00:00Z"));
    assertEquals(Instant.parse("2028-03-01T00:00:00Z"), next(DAILY, 0, "2028-02-29T08:00:00Z"));
  }

  @Test
  void refusesDaysOutOfRange() {
    assertThrows(InvalidInputException.class, () -> ResetCalendar.validDay(MONTHLY, 0));
    assertThrows(InvalidInputException.class, () -> ResetCalendar.validDay(MONTHLY, 32));
    assertThrows(InvalidInputException.class, () -> ResetCalendar.validDay(WEEKLY, 8));
    assertThrows(InvalidInputException.class, () -> ResetStrategy.parse("hourly"));
    assertEquals(0, ResetCalendar.validDay(DAILY, 17));
  }
}
