package dev.vpnmanager.chat.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.chart.Charts;
import dev.vpnmanager.delivery.QrCodes;
import dev.vpnmanager.testing.Cli;
import dev.vpnmanager.testing.telegram.Qr;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** QR codes in the terminal: the printed half blocks, read back into modules, decode to the same link. */
class TerminalQrTest {
  @TempDir Path dir;

  @Test
  void blocksDecodeBackToThePayload() throws Exception {
    String link = "vless://0b7f3c9e-1d2a-4e5f-8a9b-123456789abc@vpn.example.test:443?type=tcp&encryption=none"
        + "&security=reality&pbk=Q1w2E3r4T5y6U7i8O9p0&sid=ab12&sni=www.example.com&fp=chrome#alice";
    String printed = TerminalQr.fromPng(QrCodes.png(link)).orElseThrow();
    assertEquals(link, decodeBlocks(printed));
    assertEquals(link, decodeBlocks(TerminalQr.blocks(link)));
    String unicode = "ss://YWVzLTI1Ni1nY206cGFzcw@vpn.example.test:8388#Алиса";
    assertEquals(unicode, decodeBlocks(TerminalQr.blocks(unicode)));
    for (String line : printed.split("\n")) {
      assertTrue(line.matches("[█▀▄ ]+"), "only half blocks and spaces: " + line);
    }
    // the quiet zone: the first two lines and the edges are all light (blocks)
    String[] lines = printed.split("\n");
    assertEquals("█".repeat(lines[0].length()), lines[0]);
    assertEquals("█".repeat(lines[0].length()), lines[1]);
    assertTrue(lines[5].startsWith("████") && lines[5].endsWith("████"), lines[5]);
  }

  @Test
  void aChartIsNotTakenForAQrCode() {
    LocalDate to = LocalDate.of(2026, 1, 1);
    byte[] chart = Charts.usage("t", to.minusDays(6), to, Map.of(to, 5_000_000L), 0);
    assertTrue(TerminalQr.fromPng(chart).isEmpty());
    assertTrue(TerminalQr.fromPng(new byte[] {1, 2, 3}).isEmpty());
  }

  @Test
  void theConsolePrintsTheConfigAsAScannableCode() {
    Cli cli = new Cli(dir);
    Cli.Result r = cli.runWithInput("/adduser bob vless\n/config bob\n", "console");
    assertEquals(0, r.code(), r.err());
    assertFalse(r.out().contains("[image:"), r.out());
    String link = cli.run("users", "config", "bob").out().strip();
    List<String> codes = codes(r.out());
    assertEquals(2, codes.size(), r.out());
    for (String code : codes) {
      assertEquals(link, decodeBlocks(code));
    }
  }

  /** Each run of consecutive lines made only of half blocks and spaces, as printed. */
  static List<String> codes(String out) {
    List<String> codes = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String line : out.split("\n", -1)) {
      if (!line.isEmpty() && line.matches("[█▀▄ ]+") && line.contains("█")) {
        cur.append(line).append('\n');
      } else if (cur.length() > 0) {
        codes.add(cur.toString());
        cur.setLength(0);
      }
    }
    return codes;
  }

  /** Parses the blocks into modules (a block's lit half is a light module), draws them 4 px each, decodes. */
  static String decodeBlocks(String printed) {
    String[] lines = printed.split("\n");
    int width = lines[0].length();
    int height = lines.length * 2;
    boolean[][] dark = new boolean[height][width];
    for (int row = 0; row < lines.length; row++) {
      assertEquals(width, lines[row].length(), "every line as wide as the first");
      for (int x = 0; x < width; x++) {
        char c = lines[row].charAt(x);
        dark[2 * row][x] = c == ' ' || c == '▄';
        dark[2 * row + 1][x] = c == ' ' || c == '▀';
      }
    }
    int scale = 4;
    BufferedImage img = new BufferedImage(width * scale, height * scale, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height * scale; y++) {
      for (int x = 0; x < width * scale; x++) {
        img.setRGB(x, y, dark[y / scale][x / scale] ? 0x000000 : 0xffffff);
      }
    }
    try {
      ByteArrayOutputStream png = new ByteArrayOutputStream();
      ImageIO.write(img, "png", png);
      return Qr.decode(png.toByteArray());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
