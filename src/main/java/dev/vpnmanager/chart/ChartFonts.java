package dev.vpnmanager.chart;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The font a language's charts are drawn in: the first that can display every label of that language (titles,
 * axes, legend, limit, month names), checked with {@link Font#canDisplayUpTo}: Java's logical sans-serif when its
 * fontconfig fallbacks cover the text (DejaVu Sans covers Latin, Cyrillic and Persian), else a known family
 * (a CJK one for Chinese: fonts-wqy-microhei or fonts-noto-cjk), else any installed family that can; with none,
 * sans-serif (missing glyphs show as boxes, the chart is still drawn). Chosen once per language and process.
 */
final class ChartFonts {
  /** Families tried in this order after the logical sans-serif. */
  static final List<String> PREFERRED = List.of("DejaVu Sans", "Noto Sans", "Noto Sans Arabic", "Vazirmatn",
      "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Noto Sans CJK SC", "Noto Sans SC", "Droid Sans Fallback",
      "AR PL UMing CN");
  private static final List<String> KEYS = List.of("chart.perDay", "chart.perDayAxis", "chart.totalAxis",
      "chart.totalSince", "chart.limit", "chart.traffic", "chart.usageTitle", "chart.serversTitle");
  private static final Map<String, String> FAMILIES = new ConcurrentHashMap<>();

  private ChartFonts() {}

  static Font font(String language, int style, int size) {
    return new Font(FAMILIES.computeIfAbsent(language, ChartFonts::family), style, size);
  }

  /** Every text a chart of the language may show (labels with sample arguments, and the month names). */
  static String sample(String language) {
    StringBuilder b = new StringBuilder("0123456789 ,.()%:-");
    for (String key : KEYS) {
      b.append(Charts.text(language, key, "vless-1 30 GB", 30)).append(' ');
    }
    DateTimeFormatter months = DateTimeFormatter.ofPattern(Charts.text(language, "chart.dayPattern"),
        Locale.forLanguageTag(language));
    for (int m = 1; m <= 12; m++) {
      b.append(months.format(LocalDate.of(2026, m, 28))).append(' ');
    }
    return b.toString();
  }

  static String family(String language) {
    try {
      return pick(sample(language));
    } catch (RuntimeException | Error e) {
      // a system without fonts fails inside Java2D: drawing says so in one line (Charts.png)
      if (e instanceof VirtualMachineError && !(e instanceof InternalError)) {
        throw e;
      }
      return Font.SANS_SERIF;
    }
  }

  /** The first family that displays all of {@code text}; sans-serif when none does. */
  static String pick(String text) {
    if (new Font(Font.SANS_SERIF, Font.PLAIN, 12).canDisplayUpTo(text) == -1) {
      return Font.SANS_SERIF;
    }
    List<String> installed = new ArrayList<>(List.of(GraphicsEnvironment.getLocalGraphicsEnvironment()
        .getAvailableFontFamilyNames(Locale.ROOT)));
    List<String> order = new ArrayList<>(PREFERRED);
    order.retainAll(installed);
    installed.stream().filter(f -> !order.contains(f)).forEach(order::add);
    for (String family : order) {
      if (new Font(family, Font.PLAIN, 12).canDisplayUpTo(text) == -1) {
        return family;
      }
    }
    return Font.SANS_SERIF;
  }
}
