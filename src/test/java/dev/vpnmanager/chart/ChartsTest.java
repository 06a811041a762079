package dev.vpnmanager.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vpnmanager.testing.Peers;
import dev.vpnmanager.testing.Pictures;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/** Charts are pictures of the data (not blank), drawn headless, with no more fonts than a minimal Debian has. */
class ChartsTest {
  @TempDir Path dir;

  @Test
  void chartsShowTheirDataAndABlankOneFailsTheCheck() {
    LocalDate to = LocalDate.of(2026, 3, 10);
    byte[] usage = Charts.usage("t", to.minusDays(9), to, Map.of(to, 3_000_000L, to.minusDays(4), 9_000_000L), 0);
    BufferedImage img = Pictures.requireChart(usage, Charts.WIDTH, Charts.HEIGHT);
    assertTrue(Pictures.pixelsOf(img, 0x3B82C4) > 500, "the two days' bars");
    byte[] stats = Charts.perServer("t", to.minusDays(2), to, Map.of(to, Map.of("a", 5L, "b", 7L)));
    Pictures.requireChart(stats, Charts.WIDTH, Charts.HEIGHT);

    BufferedImage blank = new BufferedImage(Charts.WIDTH, Charts.HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = blank.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, Charts.WIDTH, Charts.HEIGHT);
    assertThrows(AssertionFailedError.class, () -> Pictures.requireNotBlank(blank));
    g.setColor(Color.BLACK);
    g.drawLine(40, 400, 880, 400);
    g.drawLine(40, 20, 40, 400);
    assertThrows(AssertionFailedError.class, () -> Pictures.requireNotBlank(blank), "bare axes are still blank");
    g.dispose();
  }

  @Test
  void unitsFollowTheLargestValue() {
    assertEquals(0, Charts.unit(999));
    assertEquals(2, Charts.unit(1_500_000));
    assertEquals(3, Charts.unit(20_000_000_000L));
  }

  /**
   * In a mount namespace where /usr/share/fonts holds only the files of fonts-dejavu-core (what a minimal Debian
   * with a JRE has: libfontconfig1 depends on it), a headless JVM draws both charts; with no fonts at all it fails
   * in one line naming the packages. Needs root and unshare (CI has both).
   */
  @Test
  void drawsWithOnlyTheFontsOfAMinimalDebian() throws Exception {
    List<Path> core = dejavuCore();
    Path fonts = Files.createDirectories(dir.resolve("fonts/truetype/dejavu"));
    for (Path f : core) {
      Files.copy(f, fonts.resolve(f.getFileName().toString()));
    }
    Path out = Files.createDirectories(dir.resolve("out"));
    Run ok = inNamespace(dir.resolve("fonts"), out);
    assertEquals(0, ok.code(), ok.err());
    for (String name : List.of("usage.png", "stats.png")) {
      Pictures.requireChart(Files.readAllBytes(out.resolve(name)), Charts.WIDTH, Charts.HEIGHT);
    }

    Path none = Files.createDirectories(dir.resolve("no-fonts"));
    Path out2 = Files.createDirectories(dir.resolve("out2"));
    Run bad = inNamespace(none, out2);
    assertEquals(3, bad.code(), bad.err());
    assertTrue(bad.err().contains("install fontconfig and fonts-dejavu-core"), bad.err());
  }

  private record Run(int code, String err) {}

  private static List<Path> dejavuCore() throws Exception {
    boolean root = "root".equals(System.getProperty("user.name"));
    boolean unshare = Files.isExecutable(Path.of("/usr/bin/unshare"));
    List<Path> files = new ArrayList<>();
    if (root && unshare) {
      Process p = new ProcessBuilder("dpkg", "-L", "fonts-dejavu-core").redirectErrorStream(true).start();
      for (String line : new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.endsWith(".ttf") && Files.isRegularFile(Path.of(line))) {
          files.add(Path.of(line));
        }
      }
      p.waitFor();
    }
    String why = !root ? "needs root (a mount namespace)" : !unshare ? "needs unshare (util-linux)"
        : "needs fonts-dejavu-core: apt-get install fonts-dejavu-core fontconfig";
    if (Peers.required()) {
      assertTrue(!files.isEmpty(), why);
    }
    assumeTrue(!files.isEmpty(), why);
    return files;
  }

  /** ChartSmoke in a headless JVM that sees {@code fonts} as /usr/share/fonts and no other font. */
  private static Run inNamespace(Path fonts, Path out) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String script = "set -e; mount --bind \"$1\" /usr/share/fonts;"
        + " for d in /usr/local/share/fonts /var/cache/fontconfig /root/.fonts /root/.local/share/fonts"
        + " /root/.cache/fontconfig; do if [ -d \"$d\" ]; then mount -t tmpfs none \"$d\"; fi; done;"
        + " shift; exec \"$@\"";
    ProcessBuilder pb = new ProcessBuilder("unshare", "-m", "--propagation", "private", "sh", "-c", script, "sh",
        fonts.toString(), java, "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
        ChartSmoke.class.getName(), out.toString());
    pb.redirectErrorStream(false);
    Process p = pb.start();
    p.getOutputStream().close();
    byte[] err = p.getErrorStream().readAllBytes();
    p.getInputStream().readAllBytes();
    return new Run(p.waitFor(), new String(err, StandardCharsets.UTF_8));
  }
}
