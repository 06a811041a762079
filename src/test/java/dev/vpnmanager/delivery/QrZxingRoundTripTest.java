package dev.vpnmanager.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.testing.telegram.Qr;
import dev.vpnmanager.user.NewUser;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many real configs (random keys make every code different) decode back with ZXing, not only with zbarimg. */
class QrZxingRoundTripTest {
  @TempDir Path dir;

  @Test
  void everyCodeDecodesToItsLink() {
    AppComponent app = TestApp.create(dir);
    for (int i = 0; i < 60; i++) {
      String name = "qr" + i + "user";
      app.users().add(Actor.cli(), NewUser.of(name, i % 3 == 0 ? "wireguard" : i % 3 == 1 ? "vless" : "shadowsocks"));
      UserConfig c = app.configDelivery().configFor(name);
      assertEquals(c.link(), Qr.decode(c.qrPng()), name);
    }
  }
}
