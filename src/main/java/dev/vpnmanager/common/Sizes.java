package dev.vpnmanager.common;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte sizes: MB, GB, TB are powers of 1000; MiB, GiB, TiB powers of 1024; 0 means unlimited. */
public final class Sizes {
  private static final Pattern SIZE = Pattern.compile("(\\d{1,15}(?:\\.\\d{1,6})?)\\s*([A-Za-z]*)");
  private static final Map<String, Long> UNITS = Map.ofEntries(
      Map.entry("", 1L), Map.entry("B", 1L),
      Map.entry("KB", 1_000L), Map.entry("MB", 1_000_000L),
      Map.entry("GB", 1_000_000_000L), Map.entry("TB", 1_000_000_000_000L),
      Map.entry("KIB", 1L << 10), Map.entry("MIB", 1L << 20),
      Map.entry("GIB", 1L << 30), Map.entry("TIB", 1L << 40));

  private Sizes() {}

  /** Parses "50GB", "500MB", "1.5GiB", "0"; rejects negatives, unknown units and overflow. */
  public static long parse(String text) {
    String input = text == null ? "" : text.trim();
    Matcher m = SIZE.matcher(input);
    if (!m.matches()) {
      throw invalid(text);
    }
    Long unit = UNITS.get(m.group(2).toUpperCase(Locale.ROOT));
    if (unit == null) {
      throw invalid(text);
    }
    BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
    if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new InvalidInputException("size '" + text + "' is too large");
    }
    if (bytes.stripTrailingZeros().scale() > 0) {
      throw new InvalidInputException("size '" + text + "' is not a whole number of bytes");
    }
    return bytes.longValueExact();
  }

  /** Human-readable, decimal units: 1500000000 -> "1.50 GB". */
  public static String format(long bytes) {
    if (bytes < 1000) {
      return bytes + " B";
    }
    String[] units = {"KB", "MB", "GB", "TB", "PB", "EB"};
    double value = bytes;
    int i = -1;
    while (value >= 1000 && i < units.length - 1) {
      value /= 1000;
      i++;
    }
    return String.format(Locale.ROOT, "%.2f %s", value, units[i]);
  }

  private static InvalidInputException invalid(String text) {
    return new InvalidInputException("invalid size '" + text
        + "': expected a number with a unit B, KB, MB, GB, TB, KiB, MiB, GiB or TiB (0 = unlimited)");
  }
}
