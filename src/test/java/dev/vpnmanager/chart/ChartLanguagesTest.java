package dev.vpnmanager.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vpnmanager.testing.Peers;
import dev.vpnmanager.testing.Pictures;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Chart labels come from the bundles of the chat's language, and each language's charts are drawn in a font
 * that can show every label (Persian with DejaVu Sans, Chinese with a CJK font such as fonts-wqy-microhei).
 */
class ChartLanguagesTest {
  static final List<String> LANGUAGES = List.of("en", "ru", "fa", "zh");

  @Test
  void labelsComeFromTheBundles() {
    assertEquals("Traffic of alice, last 30 days", Charts.usageTitle("en", "alice", 30));
    assertEquals("Трафик alice, последние 30 дн.", Charts.usageTitle("ru", "alice", 30));
    assertEquals("alice 的流量，最近 30 天", Charts.usageTitle("zh", "alice", 30));
    assertEquals("ترافیک هر سرور، ۷ روز گذشته", Charts.serversTitle("fa", 7), "isolates are dropped in pictures");
  }

  @Test
  void everyLanguageDrawsInAFontThatShowsAllItsLabels() throws Exception {
    LocalDate to = LocalDate.of(2026, 3, 10);
    LocalDate from = to.minusDays(29);
    Map<LocalDate, Long> daily = new TreeMap<>();
    Map<LocalDate, Map<String, Long>> servers = new TreeMap<>();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      long b = 100_000_000L * (1 + d.getDayOfMonth() % 7);
      daily.put(d, b);
      servers.put(d, Map.of("vless-1", b, "wireguard-1", b / 2));
    }
    Map<String, int[]> pixels = new HashMap<>();
    Path out = Path.of("target", "charts");
    Files.createDirectories(out);
    for (String lang : LANGUAGES) {
      String sample = ChartFonts.sample(lang);
      Font f = ChartFonts.font(lang, Font.PLAIN, 12);
      if (f.canDisplayUpTo(sample) != -1) {
        String msg = "no installed font can show the " + lang + " chart labels (" + f.getFamily() + " stops at '"
            + sample.charAt(f.canDisplayUpTo(sample)) + "'): apt-get install fonts-dejavu-core fonts-wqy-microhei";
        if (Peers.required()) {
          fail(msg);
        }
        assumeTrue(false, msg);
      }
      byte[] usage = Charts.usage(lang, Charts.usageTitle(lang, "alice", 30), from, to, daily, 20_000_000_000L);
      byte[] stats = Charts.perServer(lang, Charts.serversTitle(lang, 30), from, to, servers);
      Files.write(out.resolve("usage-" + lang + ".png"), usage);
      Files.write(out.resolve("stats-" + lang + ".png"), stats);
      BufferedImage img = Pictures.requireChart(usage, Charts.WIDTH, Charts.HEIGHT);
      Pictures.requireChart(stats, Charts.WIDTH, Charts.HEIGHT);
      assertTrue(Pictures.pixelsOf(img, 0x3B82C4) > 500, lang + ": the bars");
      pixels.put(lang, img.getRGB(0, 0, Charts.WIDTH, 40, null, 0, Charts.WIDTH));
    }
    // the titles differ as their languages do: nothing falls back to English
    for (String lang : List.of("ru", "fa", "zh")) {
      assertFalse(Arrays.equals(pixels.get("en"), pixels.get(lang)), lang + " title drawn like the English one");
    }
  }
}
