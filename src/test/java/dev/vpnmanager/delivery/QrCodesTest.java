package dev.vpnmanager.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import dev.vpnmanager.protocol.Exec;
import dev.vpnmanager.protocol.Fixtures;
import dev.vpnmanager.protocol.ProtocolDriver;
import dev.vpnmanager.protocol.ServerSpec;
import dev.vpnmanager.protocol.UserSpec;
import dev.vpnmanager.protocol.proxy.ProxyDriver;
import dev.vpnmanager.protocol.shadowsocks.ShadowsocksDriver;
import dev.vpnmanager.protocol.vless.SniProbe;
import dev.vpnmanager.protocol.vless.VlessDriver;
import dev.vpnmanager.protocol.wireguard.WireguardDriver;
import dev.vpnmanager.testing.Peers;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QrCodesTest {
  static final List<ProtocolDriver> DRIVERS = List.of(new VlessDriver(new SniProbe()), new ShadowsocksDriver(),
      new WireguardDriver(), ProxyDriver.http(), ProxyDriver.socks());

  @Test
  void zbarDecodesEveryProtocolsQrCodeToExactlyTheLink(@TempDir Path dir) throws Exception {
    Path zbarimg = Peers.binary("zbarimg", "zbar-tools");
    for (ProtocolDriver d : DRIVERS) {
      for (String core : d.id().equals("vless") ? List.of("xray", "v2ray") : List.of("default")) {
        ServerSpec s = Fixtures.server(d, "vpn.example.com", 4433, Map.of("core", core.equals("default") ? "" : core));
        UserSpec u = Fixtures.users(d, s, "alice.smith-01").get(0);
        String link = d.clientConfig(s, u).link();
        Path png = dir.resolve(d.id() + "-" + core + ".png");
        Files.write(png, QrCodes.png(d.qrPayload(s, u)));
        Exec.Result r = Exec.stdout(zbarimg, "--raw", "-q", png.toString());
        assertEquals(0, r.exit(), d.id() + ": " + r.out());
        assertEquals(link, r.out().substring(0, r.out().length() - 1), d.id() + " " + core);
      }
    }
  }

  @Test
  void qrCodesUseLevelMAQuietZoneAndAtLeastFourPixelsPerModule() throws Exception {
    String wgConf = "[Interface]\nPrivateKey = " + "A".repeat(43) + "=\n".repeat(1) + "x".repeat(300);
    for (String payload : List.of("vless://" + "a".repeat(200), wgConf)) {
      assertEquals(ErrorCorrectionLevel.M, QrCodes.encode(payload).getECLevel());
      int modules = QrCodes.encode(payload).getMatrix().getWidth();
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(QrCodes.png(payload)));
      int side = img.getWidth();
      assertEquals(side, img.getHeight());
      assertEquals(0, side % (modules + 2 * QrCodes.QUIET_ZONE));
      int px = side / (modules + 2 * QrCodes.QUIET_ZONE);
      assertTrue(px >= QrCodes.MIN_MODULE_PX, "px per module " + px);
      int quiet = QrCodes.QUIET_ZONE * px;
      for (int i = 0; i < side; i++) {
        for (int q = 0; q < quiet; q++) {
          assertEquals(0xffffff, img.getRGB(i, q) & 0xffffff, "top quiet zone");
          assertEquals(0xffffff, img.getRGB(q, i) & 0xffffff, "left quiet zone");
        }
      }
      // the finder pattern's corner module starts right after the quiet zone
      assertNotEquals(0xffffff, img.getRGB(quiet, quiet) & 0xffffff);
    }
  }
}
