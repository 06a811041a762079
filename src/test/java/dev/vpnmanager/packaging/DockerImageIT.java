package dev.vpnmanager.packaging;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.chart.Charts;
import dev.vpnmanager.testing.Pictures;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile builds (classic builder, base images made by scripts/base-images.sh from Debian packages)
 * and the image runs doctor and the console, and draws a traffic chart in every language: see scripts/test-image.sh. A first build downloads the Maven
 * dependencies inside the build (about 3-4 minutes here); with Docker's layer cache later builds are quicker.
 */
class DockerImageIT {
  @Test
  void imageBuildsAndRunsDoctorAndTheConsole() throws Exception {
    ScriptCheck.requireRoot("building the image");
    String out = ScriptCheck.run("test-image.sh", Duration.ofMinutes(15), Map.of());
    assertTrue(out.contains("ok: console answers /help piped in"), out);
    assertTrue(out.contains("all checks passed"), out);
    // the charts the image drew (fonts, fontconfig, java.desktop in the linked runtime): decoded, not blank
    assertTrue(out.contains("ok: charts drawn in the image"), out);
    for (String lang : new String[] {"en", "ru", "fa", "zh"}) {
      byte[] png = Files.readAllBytes(ScriptCheck.projectDir().resolve("target").resolve("test-image-chart-" + lang + ".png"));
      BufferedImage img = Pictures.requireChart(png, Charts.WIDTH, Charts.HEIGHT);
      assertTrue(Pictures.pixelsOf(img, 0xC62828) > 100, lang + ": the limit line");
    }
  }
}
