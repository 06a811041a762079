package dev.vpnmanager.testing.telegram;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/** Reads a QR code PNG back to its text with ZXing. */
public final class Qr {
  private Qr() {}

  public static String decode(byte[] png) {
    try {
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
      if (img == null) {
        throw new AssertionError("not an image");
      }
      java.util.Map<com.google.zxing.DecodeHintType, Object> hints = new java.util.EnumMap<>(
          com.google.zxing.DecodeHintType.class);
      hints.put(com.google.zxing.DecodeHintType.TRY_HARDER, Boolean.TRUE);
      hints.put(com.google.zxing.DecodeHintType.POSSIBLE_FORMATS,
          java.util.List.of(com.google.zxing.BarcodeFormat.QR_CODE));
      BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(img)));
      try {
        // a generated code is a pure barcode: read it module by module, as a phone would after alignment
        java.util.Map<com.google.zxing.DecodeHintType, Object> pure = new java.util.EnumMap<>(hints);
        pure.put(com.google.zxing.DecodeHintType.PURE_BARCODE, Boolean.TRUE);
        return new MultiFormatReader().decode(bitmap, pure).getText();
      } catch (NotFoundException e) {
        return new MultiFormatReader().decode(bitmap, hints).getText();
      }
    } catch (IOException | NotFoundException e) {
      throw new AssertionError("no QR code in the image", e);
    }
  }
}
