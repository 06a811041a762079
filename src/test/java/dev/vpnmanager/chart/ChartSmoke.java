package dev.vpnmanager.chart;

import dev.vpnmanager.common.OperationFailedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/** Draws both charts into a directory, in a JVM of its own (ChartsTest runs it with only some fonts visible). */
public final class ChartSmoke {
  private ChartSmoke() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    LocalDate to = LocalDate.of(2026, 3, 10);
    LocalDate from = to.minusDays(29);
    Map<LocalDate, Long> daily = new TreeMap<>();
    Map<LocalDate, Map<String, Long>> servers = new TreeMap<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      long b = 100_000_000L * (1 + d.getDayOfMonth() % 7);
      daily.put(d, b);
      servers.put(d, Map.of("vless-1", b, "wireguard-1", b / 2));
    }
    try {
      Files.write(dir.resolve("usage.png"), Charts.usage("usage", from, to, daily, 20_000_000_000L));
      Files.write(dir.resolve("stats.png"), Charts.perServer("stats", from, to, servers));
    } catch (OperationFailedException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(3);
    }
  }
}
