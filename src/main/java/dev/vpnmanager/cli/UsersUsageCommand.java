package dev.vpnmanager.cli;

import dev.vpnmanager.common.OperationFailedException;
import dev.vpnmanager.common.Sizes;
import dev.vpnmanager.stats.TrafficStats;
import dev.vpnmanager.stats.UserUsage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** users usage NAME [--days N] [--format table|json|png] [--out FILE] [--lang CODE]: traffic per UTC day. */
@Command(name = "usage", mixinStandardHelpOptions = true,
    description = "A user's traffic per day (UTC days): a table, JSON, or a PNG chart with the limit line.")
public final class UsersUsageCommand implements Runnable {
  enum Format { table, json, png }

  @ParentCommand UsersCli parent;
  @Parameters(paramLabel = "NAME") String name;
  @Option(names = "--days", paramLabel = "N", description = "how many days up to today (1-366, default 30)")
  int days = TrafficStats.DEFAULT_DAYS;
  @Option(names = "--format", description = "table, json or png") Format format = Format.table;
  @Option(names = "--out", paramLabel = "FILE", description = "write here instead of stdout") Path outFile;
  @picocli.CommandLine.Mixin ChartLanguage chartLanguage = new ChartLanguage();

  @Override
  public void run() {
    TrafficStats.requireDays(days);
    String lang = chartLanguage.require();
    UserUsage u = parent.root.app().trafficStats().user(name, days);
    byte[] bytes = switch (format) {
      case png -> u.chart(lang);
      case json -> (Output.json(json(u)) + "\n").getBytes(StandardCharsets.UTF_8);
      case table -> table(u);
    };
    if (outFile == null) {
      parent.root.out.write(bytes, 0, bytes.length);
      parent.root.out.flush();
      return;
    }
    try {
      Files.write(outFile, bytes);
    } catch (IOException e) {
      throw new OperationFailedException("cannot write " + outFile + ": " + e.getMessage(), e);
    }
    parent.root.err.println("wrote " + format + " usage of " + u.username() + " (" + u.days() + " days) to "
        + outFile);
  }

  static Map<String, Object> json(UserUsage u) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("username", u.username());
    m.put("from", u.from().toString());
    m.put("to", u.to().toString());
    m.put("days", u.days());
    m.put("totalBytes", u.totalBytes());
    m.put("usedBytes", u.usedBytes());
    m.put("limitBytes", u.limitBytes());
    List<Map<String, Object>> daily = new ArrayList<>();
    for (Map.Entry<LocalDate, Long> e : u.daily().entrySet()) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("day", e.getKey().toString());
      d.put("bytes", e.getValue());
      daily.add(d);
    }
    m.put("daily", daily);
    return m;
  }

  private static byte[] table(UserUsage u) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
    String fmt = "%-10s  %10s%n";
    out.printf(fmt, "DAY", "TRAFFIC");
    u.daily().forEach((d, b) -> out.printf(fmt, d, Sizes.format(b)));
    out.printf(fmt, "total", Sizes.format(u.totalBytes()));
    out.println("used " + Sizes.format(u.usedBytes()) + " of "
        + (u.limitBytes() == 0 ? "unlimited" : Sizes.format(u.limitBytes())) + " since the last reset");
    return buf.toByteArray();
  }
}
