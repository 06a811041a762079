package dev.vpnmanager.cli;

import dev.vpnmanager.common.OperationFailedException;
import dev.vpnmanager.common.Sizes;
import dev.vpnmanager.stats.StatsOverview;
import dev.vpnmanager.stats.TrafficStats;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** stats [--days N] [--format table|json|png] [--out FILE] [--lang CODE]: users by status, top users, traffic per server. */
@Command(name = "stats", mixinStandardHelpOptions = true,
    description = "Users by status, the top users of this month, traffic per server per day (UTC days).")
public final class StatsCli implements Runnable {
  enum Format { table, json, png }

  @ParentCommand RootCommand root;
  @Option(names = "--days", paramLabel = "N", description = "days of traffic per server up to today (1-366, default 30)")
  int days = TrafficStats.DEFAULT_DAYS;
  @Option(names = "--format", description = "table, json or png (the chart)") Format format = Format.table;
  @Option(names = "--out", paramLabel = "FILE", description = "write here instead of stdout") Path outFile;
  @picocli.CommandLine.Mixin ChartLanguage chartLanguage = new ChartLanguage();

  @Override
  public void run() {
    TrafficStats.requireDays(days);
    String lang = chartLanguage.require();
    StatsOverview s = root.app().trafficStats().overview(days);
    byte[] bytes = switch (format) {
      case json -> (Output.json(json(s)) + "\n").getBytes(StandardCharsets.UTF_8);
      case png -> s.chart(lang);
      case table -> table(s);
    };
    if (outFile == null) {
      root.out.write(bytes, 0, bytes.length);
      root.out.flush();
      return;
    }
    try {
      Files.write(outFile, bytes);
    } catch (IOException e) {
      throw new OperationFailedException("cannot write " + outFile + ": " + e.getMessage(), e);
    }
    root.err.println("wrote " + format + " stats (" + s.days() + " days) to " + outFile);
  }

  static Map<String, Object> json(StatsOverview s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("today", s.today().toString());
    m.put("users", s.users());
    m.put("usersByStatus", s.usersByStatus());
    m.put("monthStart", s.monthStart().toString());
    List<Map<String, Object>> top = new ArrayList<>();
    for (StatsOverview.Top t : s.topThisMonth()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("username", t.username());
      row.put("bytes", t.bytes());
      top.add(row);
    }
    m.put("topThisMonth", top);
    m.put("from", s.from().toString());
    m.put("days", s.days());
    m.put("perServerTotal", s.perServerTotal());
    Map<String, Object> daily = new LinkedHashMap<>();
    s.perServerDaily().forEach((d, byServer) -> daily.put(d.toString(), byServer));
    m.put("perServerDaily", daily);
    return m;
  }

  private static byte[] table(StatsOverview s) {
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
    StringBuilder st = new StringBuilder();
    s.usersByStatus().forEach((k, v) -> st.append(st.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
    out.println("users: " + s.users() + " (" + st + ")");
    out.println();
    out.println("top users since " + s.monthStart() + ":");
    if (s.topThisMonth().isEmpty()) {
      out.println("  (no traffic)");
    }
    int i = 1;
    for (StatsOverview.Top t : s.topThisMonth()) {
      out.printf("  %d. %-32s  %10s%n", i++, t.username(), Sizes.format(t.bytes()));
    }
    out.println();
    out.println("traffic per server, " + s.from() + " to " + s.today() + ":");
    if (s.perServerTotal().isEmpty()) {
      out.println("  (no traffic)");
    }
    s.perServerTotal().forEach((n, b) -> out.printf("  %-32s  %10s%n", n, Sizes.format(b)));
    if (!s.perServerTotal().isEmpty()) {
      out.printf("  %-32s  %10s%n", "total", Sizes.format(s.totalBytes()));
    }
    return buf.toByteArray();
  }
}
