package dev.vpnmanager.notify;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A date in an alert's arguments, written in each recipient's language and the display time zone when the
 * message is made ("29 Dec 2026 (in 29 days)"), never as an ISO string. Stored with the alert as
 * {@code {"when": STYLE, "at": ISO}}.
 */
public record When(Style style, String iso) {
  public enum Style {
    /** A calendar day: "29 Dec 2026". */
    DAY,
    /** An instant's day: "29 Dec 2026". */
    DATE,
    /** An expiry: its last valid day and the days until it ("31 Dec 2026 (in 3 days)"). */
    EXPIRY
  }

  public static When day(LocalDate day) {
    return new When(Style.DAY, day.toString());
  }

  public static When date(Instant at) {
    return new When(Style.DATE, at.toString());
  }

  public static When expiry(Instant at) {
    return new When(Style.EXPIRY, at.toString());
  }
}
