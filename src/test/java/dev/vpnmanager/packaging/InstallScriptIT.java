package dev.vpnmanager.packaging;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * scripts/install.sh on a fresh Debian root (debootstrap minbase, chroot): bad input, --dry-run, first run,
 * second run that changes nothing. See scripts/test-install-chroot.sh. The first run on a machine makes the
 * root (a few minutes); later runs reuse it from /var/cache/vpn-manager-test (about 40 s).
 */
class InstallScriptIT {
  @Test
  void installsOnAFreshDebianRootAndASecondRunChangesNothing() throws Exception {
    ScriptCheck.requireRoot("the install.sh check");
    String out = ScriptCheck.run("test-install-chroot.sh", Duration.ofMinutes(15), Map.of());
    assertTrue(out.contains("ok: second run changed nothing and said so"), out);
    assertTrue(out.contains("all checks passed"), out);
  }
}
