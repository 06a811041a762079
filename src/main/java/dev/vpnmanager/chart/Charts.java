package dev.vpnmanager.chart;

import dev.vpnmanager.chat.i18n.Messages;
import dev.vpnmanager.common.OperationFailedException;
import dev.vpnmanager.common.Sizes;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.Map;
import java.util.SortedSet;
import java.util.TimeZone;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StackedXYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.time.Day;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import org.jfree.data.time.TimeTableXYDataset;

/**
 * PNG charts of daily traffic, drawn off-screen (headless): one user's days with the running total and their
 * limit, and every server's days stacked. Every label is in the chat's language, in a font that can show it
 * ({@link ChartFonts}). Days are UTC days, as the daily_traffic table counts them. Sizes on
 * the axes are in one unit chosen from the largest value (powers of 1000, as {@link Sizes}).
 */
public final class Charts {
  public static final int WIDTH = 900;
  public static final int HEIGHT = 450;
  private static final TimeZone UTC = TimeZone.getTimeZone("UTC");
  private static final Messages TEXTS = new Messages("chart");
  private static final String[] UNITS = {"B", "KB", "MB", "GB", "TB", "PB"};
  private static final Color DAILY = new Color(0x3B, 0x82, 0xC4);
  private static final Color TOTAL = new Color(0xE0, 0x8A, 0x1E);
  private static final Color LIMIT = new Color(0xC6, 0x28, 0x28);
  private static final Color[] SERVERS = {DAILY, TOTAL, new Color(0x2E, 0x9E, 0x5B), new Color(0x8E, 0x44, 0xAD),
      new Color(0x7F, 0x8C, 0x8D), new Color(0xD3, 0x54, 0x00), new Color(0x16, 0xA0, 0x85), LIMIT};

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private Charts() {}

  /**
   * One user's traffic per day from {@code from} to {@code to} (missing days are 0) as bars, the running total
   * over those days as a line on the right axis, and {@code limitBytes} as a line there when it is above 0.
   */
  public static byte[] usage(String title, LocalDate from, LocalDate to, Map<LocalDate, Long> daily,
                             long limitBytes) {
    return usage(Messages.DEFAULT_LANGUAGE, title, from, to, daily, limitBytes);
  }

  /** The same with every label in the language (templates/messages/chart_LANG.properties). */
  public static byte[] usage(String language, String title, LocalDate from, LocalDate to,
                             Map<LocalDate, Long> daily, long limitBytes) {
    String lang = Messages.normalize(language);
    long max = 0;
    long total = 0;
    TimeSeries perDay = new TimeSeries(text(lang, "chart.perDay"));
    TimeSeries running = new TimeSeries(text(lang, "chart.totalSince", day(lang, from)));
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      long b = Math.max(0, daily.getOrDefault(d, 0L));
      total += b;
      max = Math.max(max, b);
      perDay.add(day(d), b);
      running.add(day(d), total);
    }
    int dayUnit = unit(max);
    int totalUnit = unit(Math.max(total, limitBytes));
    TimeSeriesCollection bars = new TimeSeriesCollection(scaled(perDay, dayUnit), UTC);
    TimeSeriesCollection line = new TimeSeriesCollection(scaled(running, totalUnit), UTC);

    XYPlot plot = plot(lang, text(lang, "chart.perDayAxis", UNITS[dayUnit]));
    plot.setDataset(0, bars);
    XYBarRenderer r = barRenderer(new XYBarRenderer(0.15));
    r.setSeriesPaint(0, DAILY);
    plot.setRenderer(0, r);

    NumberAxis right = new NumberAxis(text(lang, "chart.totalAxis", UNITS[totalUnit]));
    double top = Math.max(total, limitBytes) / Math.pow(1000, totalUnit);
    right.setRange(0, top <= 0 ? 1 : top * 1.1);
    plot.setRangeAxis(1, right);
    plot.setDataset(1, line);
    plot.mapDatasetToRangeAxis(1, 1);
    XYLineAndShapeRenderer lr = new XYLineAndShapeRenderer(true, false);
    lr.setSeriesPaint(0, TOTAL);
    lr.setSeriesStroke(0, new BasicStroke(2.5f));
    plot.setRenderer(1, lr);
    if (limitBytes > 0) {
      ValueMarker limit = new ValueMarker(limitBytes / Math.pow(1000, totalUnit), LIMIT, new BasicStroke(2f,
          BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {8f, 5f}, 0f));
      limit.setLabel(text(lang, "chart.limit", Sizes.format(limitBytes)));
      limit.setLabelPaint(LIMIT);
      limit.setLabelFont(ChartFonts.font(lang, Font.BOLD, 12));
      limit.setLabelAnchor(RectangleAnchor.TOP_LEFT);
      limit.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
      plot.addRangeMarker(1, limit, Layer.FOREGROUND);
    }
    return png(chart(lang, title, plot));
  }

  /** Traffic per day from {@code from} to {@code to}, one stacked colour per server. */
  public static byte[] perServer(String title, LocalDate from, LocalDate to,
                                 Map<LocalDate, Map<String, Long>> byDay) {
    return perServer(Messages.DEFAULT_LANGUAGE, title, from, to, byDay);
  }

  /** The same with every label in the language. */
  public static byte[] perServer(String language, String title, LocalDate from, LocalDate to,
                                 Map<LocalDate, Map<String, Long>> byDay) {
    String lang = Messages.normalize(language);
    SortedSet<String> servers = new TreeSet<>();
    long max = 0;
    for (Map<String, Long> m : byDay.values()) {
      servers.addAll(m.keySet());
      max = Math.max(max, m.values().stream().mapToLong(v -> Math.max(0, v)).sum());
    }
    int unit = unit(max);
    double div = Math.pow(1000, unit);
    TimeTableXYDataset data = new TimeTableXYDataset(UTC);
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      Map<String, Long> m = byDay.getOrDefault(d, Map.of());
      for (String s : servers.isEmpty() ? java.util.Set.of(text(lang, "chart.traffic")) : servers) {
        data.add(day(d), Math.max(0, m.getOrDefault(s, 0L)) / div, s, false);
      }
    }
    XYPlot plot = plot(lang, text(lang, "chart.perDayAxis", UNITS[unit]));
    plot.setDataset(data);
    StackedXYBarRenderer r = barRenderer(new StackedXYBarRenderer(0.15));
    for (int i = 0; i < data.getSeriesCount(); i++) {
      r.setSeriesPaint(i, SERVERS[i % SERVERS.length]);
    }
    plot.setRenderer(r);
    return png(chart(lang, title, plot));
  }

  /** The unit index for a value: 0 B, 1 KB, 2 MB, 3 GB ... */
  static int unit(long max) {
    int u = 0;
    double v = max;
    while (v >= 1000 && u < UNITS.length - 1) {
      v /= 1000;
      u++;
    }
    return u;
  }

  private static TimeSeries scaled(TimeSeries s, int unit) {
    if (unit == 0) {
      return s;
    }
    TimeSeries out = new TimeSeries(s.getKey());
    double div = Math.pow(1000, unit);
    for (int i = 0; i < s.getItemCount(); i++) {
      out.add(s.getTimePeriod(i), s.getValue(i).doubleValue() / div);
    }
    return out;
  }

  private static Day day(LocalDate d) {
    return new Day(d.getDayOfMonth(), d.getMonthValue(), d.getYear());
  }

  /**
   * A label in the language. Bidi isolates (which the Persian texts put around left-to-right parts for chat apps)
   * are dropped: the font has no glyph for them, and Java's layout orders the runs itself.
   */
  static String text(String language, String key, Object... args) {
    return TEXTS.get(language, key, args).replaceAll("[\u2066-\u2069]", "");
  }

  /** A chart's title in the language: "Traffic of alice, last 30 days". */
  public static String usageTitle(String language, String username, int days) {
    return text(language, "chart.usageTitle", username, days);
  }

  /** "Traffic per server, last 30 days" in the language. */
  public static String serversTitle(String language, int days) {
    return text(language, "chart.serversTitle", days);
  }

  private static String day(String lang, LocalDate d) {
    return d.format(java.time.format.DateTimeFormatter.ofPattern(text(lang, "chart.dayPattern"),
        java.util.Locale.forLanguageTag(lang)));
  }

  private static XYPlot plot(String lang, String rangeLabel) {
    DateAxis x = new DateAxis();
    x.setTimeZone(UTC);
    x.setDateFormatOverride(dateFormat(lang));
    x.setTickLabelFont(ChartFonts.font(lang, Font.PLAIN, 11));
    x.setLowerMargin(0.01);
    x.setUpperMargin(0.01);
    NumberAxis y = new NumberAxis(rangeLabel);
    y.setLabelFont(ChartFonts.font(lang, Font.PLAIN, 12));
    y.setAutoRangeIncludesZero(true);
    y.setRangeType(org.jfree.data.RangeType.POSITIVE); // traffic is never negative, not even on an idle chart
    y.setAutoRangeMinimumSize(1);
    XYPlot plot = new XYPlot(null, x, y, null);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
    plot.setRangeGridlinePaint(new Color(0xCC, 0xCC, 0xCC));
    plot.setOutlineVisible(false);
    return plot;
  }

  private static java.text.DateFormat dateFormat(String lang) {
    java.text.SimpleDateFormat f = new java.text.SimpleDateFormat(text(lang, "chart.dayPattern"),
        java.util.Locale.forLanguageTag(lang));
    f.setTimeZone(UTC);
    return f;
  }

  private static <R extends XYBarRenderer> R barRenderer(R r) {
    r.setBarPainter(new StandardXYBarPainter());
    r.setShadowVisible(false);
    r.setDrawBarOutline(false);
    return r;
  }

  private static JFreeChart chart(String lang, String title, XYPlot plot) {
    for (int i = 0; i < plot.getRangeAxisCount(); i++) {
      if (plot.getRangeAxis(i) != null) {
        plot.getRangeAxis(i).setLabelFont(ChartFonts.font(lang, Font.PLAIN, 12));
        plot.getRangeAxis(i).setTickLabelFont(ChartFonts.font(lang, Font.PLAIN, 11));
      }
    }
    JFreeChart c = new JFreeChart(title, ChartFonts.font(lang, Font.BOLD, 16), plot, true);
    c.getLegend().setItemFont(ChartFonts.font(lang, Font.PLAIN, 12));
    c.setBackgroundPaint(Color.WHITE);
    c.setAntiAlias(true);
    return c;
  }

  /**
   * Draws and encodes the chart. A system without fonts (no fontconfig, no font files) fails inside Java2D;
   * that becomes one line saying what to install.
   */
  private static byte[] png(JFreeChart chart) {
    try {
      BufferedImage img = chart.createBufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB, null);
      ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
      ImageIO.write(img, "png", out);
      return out.toByteArray();
    } catch (IOException | RuntimeException | LinkageError e) {
      throw unavailable(e);
    } catch (Error e) {
      // "Probable fatal error: No fonts found" is a plain java.lang.Error; real VM errors stay errors
      if (e instanceof VirtualMachineError && !(e instanceof InternalError)) {
        throw e;
      }
      throw unavailable(e);
    }
  }

  private static OperationFailedException unavailable(Throwable e) {
    return new OperationFailedException("could not draw the chart (" + e
        + "): charts need fonts; on Debian install fontconfig and fonts-dejavu-core", e);
  }
}
