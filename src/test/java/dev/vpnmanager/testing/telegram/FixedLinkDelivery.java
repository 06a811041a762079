package dev.vpnmanager.testing.telegram;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import dev.vpnmanager.render.ConfigDelivery;
import dev.vpnmanager.render.UserConfig;
import dev.vpnmanager.user.UserQueries;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.inject.Inject;

/**
 * A small real {@link ConfigDelivery} for chat tests: a fixed link per user (refusing unknown users, like the
 * real one) and a real ZXing-encoded QR PNG of it. The protocol feature provides the real renderer.
 */
public final class FixedLinkDelivery implements ConfigDelivery {
  private final UserQueries users;

  @Inject
  public FixedLinkDelivery(UserQueries users) {
    this.users = users;
  }

  public static String linkFor(String username) {
    return "vless://7f3e9a52-1c1e-4f7c-9d1e-5a8f0b2c3d4e@vpn.example.test:443?security=reality&sni=www.example.com"
        + "&fp=chrome&pbk=Zx9fK2h&sid=ab12#" + username;
  }

  @Override
  public UserConfig configFor(String username) {
    var u = users.require(username);
    String link = linkFor(u.getUsername());
    return new UserConfig(u.getUsername(), u.getProtocol(), link, u.getUsername() + ".txt", link.getBytes(),
        qr(link));
  }

  static byte[] qr(String text) {
    try {
      BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 300, 300);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      MatrixToImageWriter.writeToStream(m, "PNG", out);
      return out.toByteArray();
    } catch (WriterException | IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
