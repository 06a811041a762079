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
 *
 * <p>Several instances on one database: {@link #due} also claims the day's run in the database (one
 * compare-and-set), so only one instance gets it even if two ticks met (the clustered scheduler already fires
 * each tick once; this also covers an instance that was taken for dead while it still ran). A claim whose
 * instance died before {@link #done} lapses after {@link #CLAIM}, and the work is made up then.
 */
@Singleton
public final class DailyGate {
  /** How often the daily jobs look whether their day's work is due. */
  public static final java.time.Duration TICK = java.time.Duration.ofMinutes(5);
  /** How long a claimed day's run belongs to the instance that claimed it before another may take it over. */
  public static final java.time.Duration CLAIM = java.time.Duration.ofMinutes(30);
  private final StateStore state;
  private final Clock clock;
  private final LocalTime at;

  @Inject
  public DailyGate(StateStore state, Clock clock, Settings settings) {
    this.state = state;
    this.clock = clock;
    this.at = parse(settings.get(ConfigKeys.DAILY_AT));
  }

  /** The day to run {@code name} for, if it is due now; the caller then owns that run (call {@link #done}). */
  public java.util.Optional<LocalDate> due(String name) {
    ZonedDateTime now = clock.instant().atZone(ZoneOffset.UTC);
    LocalDate today = now.toLocalDate();
    if (now.toLocalTime().isBefore(at) || state.get("daily." + name).map(today.toString()::equals).orElse(false)) {
      return java.util.Optional.empty();
    }
    // claim: "<day> <until epoch ms>"; free when absent, for another day, or lapsed
    String claim = today + " " + now.toInstant().plus(CLAIM).toEpochMilli();
    boolean mine = state.compareAndPut("daily." + name + ".claim", current -> current.map(c -> {
      String[] parts = c.split(" ");
      return parts.length != 2 || !parts[0].equals(today.toString())
          || Long.parseLong(parts[1]) <= now.toInstant().toEpochMilli();
    }).orElse(true), claim);
    return mine ? java.util.Optional.of(today) : java.util.Optional.empty();
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
