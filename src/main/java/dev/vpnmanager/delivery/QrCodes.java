package dev.vpnmanager.delivery;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import dev.vpnmanager.common.InvalidInputException;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * QR codes phones scan from a screen: error correction M, a quiet zone of 4 modules, and whole pixels per
 * module (8 for links, never fewer than {@link #MIN_MODULE_PX}), as a 1-bit PNG.
 */
public final class QrCodes {
  public static final int QUIET_ZONE = 4;
  public static final int MIN_MODULE_PX = 4;
  /** About the largest side a chat shows without shrinking; big payloads get fewer pixels per module. */
  private static final int TARGET_PX = 800;
  private static final IndexColorModel BW = new IndexColorModel(1, 2,
      new byte[] {0, (byte) 255}, new byte[] {0, (byte) 255}, new byte[] {0, (byte) 255});

  private QrCodes() {}

  public static byte[] png(String payload) {
    BufferedImage image = image(payload);
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static BufferedImage image(String payload) {
    ByteMatrix m = encode(payload).getMatrix();
    int modules = m.getWidth() + 2 * QUIET_ZONE;
    int scale = Math.max(MIN_MODULE_PX, Math.min(8, TARGET_PX / modules));
    int side = modules * scale;
    BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_BINARY, BW);
    WritableRaster raster = img.getRaster();
    byte[] data = ((DataBufferByte) raster.getDataBuffer()).getData();
    java.util.Arrays.fill(data, (byte) 0xff);
    int stride = (side + 7) / 8;
    for (int y = 0; y < m.getHeight(); y++) {
      for (int x = 0; x < m.getWidth(); x++) {
        if (m.get(x, y) == 1) {
          int px0 = (x + QUIET_ZONE) * scale;
          int py0 = (y + QUIET_ZONE) * scale;
          for (int py = py0; py < py0 + scale; py++) {
            int row = py * stride;
            for (int px = px0; px < px0 + scale; px++) {
              data[row + (px >> 3)] &= (byte) ~(0x80 >> (px & 7));
            }
          }
        }
      }
    }
    return img;
  }

  static QRCode encode(String payload) {
    try {
      boolean ascii = StandardCharsets.US_ASCII.newEncoder().canEncode(payload);
      return Encoder.encode(payload, ErrorCorrectionLevel.M, ascii
          ? Map.of() : Map.of(EncodeHintType.CHARACTER_SET, "UTF-8"));
    } catch (WriterException e) {
      throw new InvalidInputException("too long for a QR code (" + payload.length() + " characters)");
    }
  }
}
