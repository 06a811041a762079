package dev.vpnmanager.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.config.ConfigKey;
import dev.vpnmanager.config.ConfigKeys;
import dev.vpnmanager.config.Settings;
import dev.vpnmanager.config.SettingsLoader;
import dev.vpnmanager.testing.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images per protocol: one key per registered protocol, documented, overridable from the environment. */
class ImagesTest {
  private static final Path EXAMPLE = Path.of(System.getProperty("vpn.projectDir", "."), "config",
      "vpn-manager.example.yaml");

  @Test
  void everyProtocolHasAnImageKeyWithAProductionDefault(@TempDir Path dir) {
    var app = TestApp.create(dir);
    Images images = app.images();
    for (String protocol : app.protocols().ids()) {
      assertTrue(images.forProtocol(protocol).contains("/"), protocol);
    }
    // one key per protocol, plus the image of a protocol on another core (shadowsocks on xray)
    java.util.Set<String> keys = new java.util.TreeSet<>(app.protocols().ids());
    keys.add("shadowsocks-xray");
    assertEquals(keys, images.all().keySet());
  }

  @Test
  void theEnvironmentOverridesAnImage() {
    Settings s = new SettingsLoader(Map.of("VPN_IMAGES_WIREGUARD", "vpn-manager-test/wireguard:local"))
        .load(null, Map.of());
    assertEquals("vpn-manager-test/wireguard:local", new Images(s).forProtocol("wireguard"));
    assertThrows(InvalidInputException.class, () -> new Images(s).forProtocol("carrier-pigeon"));
  }

  @Test
  void theExampleFileDocumentsEveryDockerKeyWithItsDefault() throws Exception {
    Settings example = new SettingsLoader(Map.of()).load(EXAMPLE, Map.of());
    String text = Files.readString(EXAMPLE);
    for (ConfigKey k : ConfigKeys.all()) {
      if (k.path().startsWith("images.") || k.path().startsWith("firewall.")) {
        assertEquals(k.defaultValue(), example.get(k), k.path());
        assertTrue(text.contains(k.path().substring(k.path().indexOf('.') + 1) + ":"), k.path());
      }
    }
  }
}
