package dev.vpnmanager.chat.i18n;

import dev.vpnmanager.config.ConfigException;
import dev.vpnmanager.config.ConfigKeys;
import dev.vpnmanager.config.Settings;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Dates as people read them: "29 Dec 2026 (in 29 days)" in a chat's language and the configured time zone
 * ({@code display.time-zone}). Machine output (JSON, plain) keeps ISO-8601 instants.
 */
@Singleton
public final class Dates {
  private static final Messages TEXTS = new Messages("dates");
  private final ZoneId zone;
  private final Clock clock;

  @Inject
  public Dates(Settings settings, Clock clock) {
    this(zone(settings.get(ConfigKeys.DISPLAY_TIME_ZONE)), clock);
  }

  public Dates(ZoneId zone, Clock clock) {
    this.zone = zone;
    this.clock = clock;
  }

  public ZoneId zone() {
    return zone;
  }

  /** "29 Dec 2026" in the language's words. */
  public String date(Instant at, String language) {
    String lang = Messages.normalize(language);
    DateTimeFormatter f = DateTimeFormatter.ofPattern(TEXTS.get(lang, "dates.pattern"), locale(lang));
    return f.format(at.atZone(zone));
  }

  /** A calendar day (a digest's, a chart's): "29 Dec 2026" in the language's words. */
  public String day(LocalDate day, String language) {
    String lang = Messages.normalize(language);
    return DateTimeFormatter.ofPattern(TEXTS.get(lang, "dates.pattern"), locale(lang)).format(day);
  }

  /** "29 Dec 2026 (in 29 days)", "(today)", "(3 days ago)": days counted between calendar dates in the zone. */
  public String withDistance(Instant at, String language) {
    return TEXTS.get(language, "dates.with", date(at, language), distance(at, language));
  }

  /**
   * An expiry: the last day it is valid through, so an expiry at midnight (what "--expires 2026-12-31" stores:
   * the start of the next day) reads "31 Dec 2026"; the distance counts the days until it stops working.
   */
  public String expiry(Instant at, String language) {
    return TEXTS.get(language, "dates.with", date(at.minusMillis(1), language), distance(at, language));
  }

  /** "in 29 days", "today", "3 days ago". */
  public String distance(Instant at, String language) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
    long days = ChronoUnit.DAYS.between(today, LocalDate.ofInstant(at, zone));
    if (days == 0) {
      return TEXTS.get(language, "dates.today");
    }
    return days > 0 ? TEXTS.get(language, "dates.in", days) : TEXTS.get(language, "dates.ago", -days);
  }

  /** "29 Dec 2026 14:05" for logs and audit tables. */
  public String dateTime(Instant at, String language) {
    String lang = Messages.normalize(language);
    DateTimeFormatter f = DateTimeFormatter.ofPattern(TEXTS.get(lang, "dates.pattern") + " HH:mm", locale(lang));
    return f.format(at.atZone(zone));
  }

  private static Locale locale(String lang) {
    return Locale.forLanguageTag(lang);
  }

  static ZoneId zone(String id) {
    try {
      return ZoneId.of(id.isBlank() ? "UTC" : id.strip());
    } catch (DateTimeException e) {
      throw new ConfigException("display.time-zone: unknown time zone '" + id
          + "' (expected a name like Europe/Moscow, Asia/Tehran or UTC)");
    }
  }
}
