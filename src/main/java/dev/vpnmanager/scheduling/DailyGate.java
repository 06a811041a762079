package dev.vpnmanager.scheduling;

import dev.vpnmanager.config.ConfigKeys;
import dev.vpnmanager.storage.StateStore;
import dev.vpnmanager.config.Settings;
import dev.vpnmanager.common.InvalidInputException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Once-a-day work (digest, backup) runs from a job that ticks every few minutes: it is due once the UTC time
 * of day passed {@code daily-at} and it has not run today. The day it last ran is kept in state_entry, so a
 * restart neither repeats it nor skips it; a day the daemon was down is made up at the next tick.
 */
@Singleton
public final class DailyGate {
  /** How often the daily jobs look whether their day's work is due. */
  public static final java.time.Duration TICK = java.time.Duration.ofMinutes(5);
  private final StateStore state;
  private final Clock clock;
  private final LocalTime at;

  @Inject
  public DailyGate(StateStore state, Clock clock, Settings settings) {
    this.state = state;
    this.clock = clock;
    this.at = parse(settings.get(ConfigKeys.DAILY_AT));
  }

  /** The day to run {@code name} for, if it is due now. */
  public java.util.Optional<LocalDate> due(String name) {
    ZonedDateTime now = clock.instant().atZone(ZoneOffset.UTC);
    LocalDate today = now.toLocalDate();
    if (now.toLocalTime().isBefore(at) || state.get("daily." + name).map(today.toString()::equals).orElse(false)) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(today);
  }

  public void done(String name, LocalDate day) {
    state.put("daily." + name, day.toString());
  }

  /** As above, in the caller's transaction (with what the day's work stored). */
  public void done(io.ebean.Transaction txn, String name, LocalDate day) {
    state.put(txn, "daily." + name, day.toString());
  }

  /** The configured time of day; a bad value is a clear error at start. */
  public static LocalTime at(Settings settings) {
    return parse(settings.get(ConfigKeys.DAILY_AT));
  }

  static LocalTime parse(String hhmm) {
    try {
      return LocalTime.parse(hhmm);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException("daily-at must be a UTC time of day such as 03:30, not '" + hhmm + "'");
    }
  }
}
