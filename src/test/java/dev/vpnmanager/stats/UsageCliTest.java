package dev.vpnmanager.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.chart.Charts;
import dev.vpnmanager.testing.Cli;
import dev.vpnmanager.testing.Pictures;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.testing.TrafficRows;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** users usage and stats through the real command line: table, JSON, and PNG charts that ImageIO decodes. */
class UsageCliTest {
  @TempDir Path dir;
  private Cli cli;
  private final LocalDate today = LocalDate.now(ZoneOffset.UTC);

  @BeforeEach
  void users() {
    cli = new Cli(dir);
    assertEquals(0, cli.run("users", "add", "alice", "--protocol", "socks", "--limit", "5GB").code());
    assertEquals(0, cli.run("users", "add", "bob", "--protocol", "http").code());
    assertEquals(0, cli.run("users", "suspend", "bob").code());
    AppComponent app = TestApp.create(dir);
    try {
      TrafficRows.add(app.database(), "alice", "socks-1", today, 700_000_000L);
      TrafficRows.add(app.database(), "alice", "socks-1", today.minusDays(2), 1_300_000_000L);
      TrafficRows.add(app.database(), "alice", "socks-1", today.minusDays(40), 9_000_000_000L);
      TrafficRows.add(app.database(), "bob", "http-1", today.minusDays(1), 250_000_000L);
    } finally {
      app.databaseHolder().closeIfOpen();
    }
  }

  @Test
  void usageAsTableJsonAndPng() throws Exception {
    Cli.Result table = cli.run("users", "usage", "alice", "--days", "3");
    assertEquals(0, table.code(), table.err());
    assertTrue(table.out().contains(today + "  " + String.format("%10s", "700.00 MB")), table.out());
    assertTrue(table.out().contains(today.minusDays(1) + "  " + String.format("%10s", "0 B")), table.out());
    assertTrue(table.out().contains("total       " + String.format("%10s", "2.00 GB")), table.out());

    Cli.Result json = cli.run("users", "usage", "alice", "--format", "json");
    assertEquals(0, json.code(), json.err());
    JsonNode n = new ObjectMapper().readTree(json.out());
    assertEquals(30, n.get("days").asInt());
    assertEquals(30, n.get("daily").size());
    assertEquals(2_000_000_000L, n.get("totalBytes").asLong(), "the day 40 days ago is outside the window");
    assertEquals(5_000_000_000L, n.get("limitBytes").asLong());
    assertEquals(today.toString(), n.get("daily").get(29).get("day").asText());

    Path png = dir.resolve("alice.png");
    Cli.Result picture = cli.run("users", "usage", "alice", "--format", "png", "--out", png.toString());
    assertEquals(0, picture.code(), picture.err());
    BufferedImage img = Pictures.requireChart(Files.readAllBytes(png), Charts.WIDTH, Charts.HEIGHT);
    assertTrue(Pictures.pixelsOf(img, 0x3B82C4) > 200, "the daily bars are drawn");
    assertTrue(Pictures.pixelsOf(img, 0xC62828) > 100, "the limit line is drawn");

    Path bobPng = dir.resolve("bob.png");
    Cli.Result unlimited = cli.run("users", "usage", "bob", "--format", "png", "--days", "7", "--out", bobPng.toString());
    assertEquals(0, unlimited.code(), unlimited.err());
    BufferedImage bob = Pictures.requireChart(Files.readAllBytes(bobPng), Charts.WIDTH, Charts.HEIGHT);
    assertEquals(0, Pictures.pixelsOf(bob, 0xC62828), "no limit, no limit line");

    Path zh = dir.resolve("alice-zh.png");
    Cli.Result chinese = cli.run("users", "usage", "alice", "--format", "png", "--lang", "zh", "--out", zh.toString());
    assertEquals(0, chinese.code(), chinese.err());
    BufferedImage zhImg = Pictures.requireChart(Files.readAllBytes(zh), Charts.WIDTH, Charts.HEIGHT);
    assertTrue(!java.util.Arrays.equals(img.getRGB(0, 0, Charts.WIDTH, 40, null, 0, Charts.WIDTH),
        zhImg.getRGB(0, 0, Charts.WIDTH, 40, null, 0, Charts.WIDTH)), "the title is drawn in Chinese");
  }

  @Test
  void badDaysAndUnknownUsersAreOneLineUsageErrors() {
    for (String days : new String[] {"0", "-3", "367", "x"}) {
      Path out = dir.resolve("never-" + days + ".png");
      Cli.Result r = cli.run("users", "usage", "alice", "--days", days, "--format", "png", "--out", out.toString());
      assertEquals(2, r.code(), days + ": " + r.err());
      assertEquals(1, r.err().lines().count(), r.err());
      assertFalse(Files.exists(out), "nothing written for --days " + days);
    }
    Cli.Result missing = cli.run("users", "usage", "nobody");
    assertEquals(2, missing.code(), missing.err());
    assertTrue(missing.err().startsWith("error: no user named 'nobody'"), missing.err());
    assertEquals(2, cli.run("stats", "--days", "0").code());
    assertEquals(2, cli.run("users", "usage", "alice", "--format", "gif").code());
    Path out = dir.resolve("never-lang.png");
    Cli.Result lang = cli.run("users", "usage", "alice", "--format", "png", "--lang", "de", "--out", out.toString());
    assertEquals(2, lang.code(), lang.err());
    assertEquals("error: --lang must be one of en, ru, fa, zh, not 'de'\n", lang.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void statsAsTableJsonAndPng() throws Exception {
    Cli.Result table = cli.run("stats");
    assertEquals(0, table.code(), table.err());
    assertTrue(table.out().contains("users: 2 (active 1, suspended 1, limited 0, expired 0)"), table.out());
    assertTrue(table.out().contains("  1. alice"), table.out());
    assertTrue(table.out().contains("http-1") && table.out().contains("socks-1"), table.out());

    JsonNode n = new ObjectMapper().readTree(cli.run("stats", "--format", "json").out());
    assertEquals(1, n.get("usersByStatus").get("suspended").asInt());
    assertEquals(2_000_000_000L, n.get("perServerTotal").get("socks-1").asLong());
    assertEquals(250_000_000L, n.get("perServerTotal").get("http-1").asLong());
    long month = today.getDayOfMonth() >= 3 ? 2_000_000_000L : n.get("topThisMonth").get(0).get("bytes").asLong();
    assertEquals("alice", n.get("topThisMonth").get(0).get("username").asText());
    assertEquals(month, n.get("topThisMonth").get(0).get("bytes").asLong());

    Path png = dir.resolve("stats.png");
    Cli.Result picture = cli.run("stats", "--format", "png", "--out", png.toString());
    assertEquals(0, picture.code(), picture.err());
    BufferedImage img = Pictures.requireChart(Files.readAllBytes(png), Charts.WIDTH, Charts.HEIGHT);
    assertTrue(Pictures.pixelsOf(img, 0x3B82C4) > 50 && Pictures.pixelsOf(img, 0xE08A1E) > 50,
        "both servers' bars are drawn");

    Path ru = dir.resolve("stats-ru.png");
    Cli.Result russian = cli.run("stats", "--format", "png", "--lang", "ru", "--out", ru.toString());
    assertEquals(0, russian.code(), russian.err());
    BufferedImage ruImg = Pictures.requireChart(Files.readAllBytes(ru), Charts.WIDTH, Charts.HEIGHT);
    assertFalse(java.util.Arrays.equals(img.getRGB(0, 0, Charts.WIDTH, 40, null, 0, Charts.WIDTH),
        ruImg.getRGB(0, 0, Charts.WIDTH, 40, null, 0, Charts.WIDTH)), "the title is drawn in Russian");
    Path never = dir.resolve("stats-de.png");
    Cli.Result german = cli.run("stats", "--format", "png", "--lang", "de", "--out", never.toString());
    assertEquals(2, german.code(), german.err());
    assertFalse(Files.exists(never), "nothing written for a language we do not have");
  }
}
