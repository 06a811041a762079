package dev.vpnmanager.packaging;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The built .deb (./mvnw package makes it before this runs in the verify phase), installed on this machine
 * with dpkg as a user would: see scripts/test-deb.sh for every check. Needs root; removes the package again.
 */
class DebPackageIT {
  @Test
  void installsRunsAsTheServiceUserAndKeepsDataOnRemove() throws Exception {
    ScriptCheck.requireRoot("installing the .deb");
    String out = ScriptCheck.run("test-deb.sh", Duration.ofMinutes(5), Map.of());
    assertTrue(out.contains("ok: systemd-analyze verify vpn-manager.service"), out);
    assertTrue(out.contains("ok: dpkg -r kept /var/lib/vpn-manager/vpn-manager.db"), out);
    assertTrue(out.contains("all checks passed"), out);
  }
}
