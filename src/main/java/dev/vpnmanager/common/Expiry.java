package dev.vpnmanager.common;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Expiry arguments: "30d", "12h", "2026-12-31" (valid through that day, UTC), an ISO instant, "never". */
public final class Expiry {
  private static final Pattern RELATIVE = Pattern.compile("(\\d{1,5})([dhw])");

  private Expiry() {}

  /** Returns empty for "never"; throws for anything unparseable or in the past. */
  public static Optional<Instant> parse(String text, Clock clock) {
    String input = text == null ? "" : text.trim();
    if (input.equalsIgnoreCase("never")) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Instant result;
    Matcher m = RELATIVE.matcher(input);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      if (n == 0) {
        throw new InvalidInputException("expiry '" + text + "' must be at least 1" + m.group(2));
      }
      Duration unit = switch (m.group(2)) {
        case "h" -> Duration.ofHours(1);
        case "w" -> Duration.ofDays(7);
        default -> Duration.ofDays(1);
      };
      result = now.plus(unit.multipliedBy(n));
    } else if (input.matches("\\d{4}-\\d{2}-\\d{2}")) {
      try {
        result = LocalDate.parse(input).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeException e) {
        throw invalid(text);
      }
    } else {
      try {
        result = Instant.parse(input);
      } catch (DateTimeParseException e) {
        throw invalid(text);
      }
    }
    if (!result.isAfter(now)) {
      throw new InvalidInputException("expiry '" + text + "' is in the past");
    }
    return Optional.of(result);
  }

  private static InvalidInputException invalid(String text) {
    return new InvalidInputException("invalid expiry '" + text
        + "': expected 30d, 12h, 2w, a date like 2026-12-31, an ISO instant, or never");
  }
}
