package dev.vpnmanager.chat.console;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;

/**
 * A QR code for the terminal: the PNG's code is read back (ZXing), encoded again with the same payload, and
 * printed two modules per character cell with the half blocks ▀ ▄ █ and spaces, inside a quiet zone of
 * {@link #QUIET_ZONE} modules. As qrencode's UTF8 output does, a block is a light module and a space a dark one,
 * which suits the usual light-on-dark terminal; a PNG that holds no QR code gives nothing.
 */
public final class TerminalQr {
  public static final int QUIET_ZONE = 4;

  private TerminalQr() {}

  /** The code in this PNG as terminal lines, or empty when the image is not a QR code. */
  public static Optional<String> fromPng(byte[] png) {
    return decode(png).map(TerminalQr::blocks);
  }

  /** What the QR code in this PNG holds. */
  static Optional<String> decode(byte[] png) {
    try {
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
      if (img == null) {
        return Optional.empty();
      }
      BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(img)));
      Result r = new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE,
          DecodeHintType.CHARACTER_SET, "UTF-8"));
      return Optional.ofNullable(r.getText());
    } catch (IOException | ReaderException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The payload as a QR code (error correction M) in half blocks, one line per two module rows. */
  public static String blocks(String payload) {
    ByteMatrix m;
    try {
      boolean ascii = StandardCharsets.US_ASCII.newEncoder().canEncode(payload);
      m = Encoder.encode(payload, ErrorCorrectionLevel.M,
          ascii ? Map.of() : Map.of(EncodeHintType.CHARACTER_SET, "UTF-8")).getMatrix();
    } catch (WriterException e) {
      throw new IllegalArgumentException("too long for a QR code", e);
    }
    int side = m.getWidth() + 2 * QUIET_ZONE;
    StringBuilder out = new StringBuilder((side + 1) * (side / 2 + 1) * 3);
    for (int y = 0; y < side; y += 2) {
      for (int x = 0; x < side; x++) {
        boolean top = light(m, x, y);
        boolean bottom = y + 1 >= side || light(m, x, y + 1);
        out.append(top ? (bottom ? '█' : '▀') : (bottom ? '▄' : ' '));
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static boolean light(ByteMatrix m, int x, int y) {
    int mx = x - QUIET_ZONE;
    int my = y - QUIET_ZONE;
    if (mx < 0 || my < 0 || mx >= m.getWidth() || my >= m.getHeight()) {
      return true;
    }
    return m.get(mx, my) != 1;
  }
}
