package dev.vpnmanager.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;

/** Checks on PNG bytes: they decode, have the expected size, and are a picture rather than an empty canvas. */
public final class Pictures {
  private Pictures() {}

  public static BufferedImage decode(byte[] png) {
    assertNotNull(png, "no image");
    assertTrue(png.length > 8 && (png[0] & 0xff) == 0x89 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G',
        "not a PNG (" + png.length + " bytes)");
    try {
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
      assertNotNull(img, "ImageIO cannot read it");
      return img;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A chart of this size that is not blank: many colours, and a good share of pixels unlike the background. */
  public static BufferedImage requireChart(byte[] png, int width, int height) {
    BufferedImage img = decode(png);
    assertEquals(width, img.getWidth(), "width");
    assertEquals(height, img.getHeight(), "height");
    requireNotBlank(img);
    return img;
  }

  public static void requireNotBlank(BufferedImage img) {
    int background = img.getRGB(0, 0);
    Set<Integer> colours = new HashSet<>();
    long differing = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int rgb = img.getRGB(x, y) & 0xffffff;
        colours.add(rgb);
        if (rgb != (background & 0xffffff)) {
          differing++;
        }
      }
    }
    double share = differing / (double) (img.getWidth() * img.getHeight());
    assertTrue(colours.size() >= 16, "blank chart: only " + colours.size() + " colours");
    assertTrue(share >= 0.02, "blank chart: only " + Math.round(share * 1000) / 10.0 + " % of pixels drawn");
  }

  /** How many pixels have exactly this colour (e.g. a series' paint): data was drawn, not only axes. */
  public static long pixelsOf(BufferedImage img, int rgb) {
    long n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        if ((img.getRGB(x, y) & 0xffffff) == (rgb & 0xffffff)) {
          n++;
        }
      }
    }
    return n;
  }
}
