package dev.vpnmanager.firewall;

import dev.vpnmanager.common.OperationFailedException;
import dev.vpnmanager.config.ConfigKeys;
import dev.vpnmanager.config.Settings;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds scripts/firewall.sh: firewall.script, else beside the installation (jar in target/ or lib/), else ./scripts. */
final class FirewallScript {
  private FirewallScript() {}

  static Path locate(Settings settings) {
    String configured = settings.get(ConfigKeys.FIREWALL_SCRIPT);
    if (!configured.isBlank()) {
      Path p = Path.of(configured);
      if (!Files.isExecutable(p)) {
        throw new OperationFailedException("firewall.script " + p + " is not an executable file");
      }
      return p;
    }
    List<Path> candidates = new ArrayList<>();
    String projectDir = System.getProperty("vpn.projectDir");
    if (projectDir != null) {
      candidates.add(Path.of(projectDir, "scripts", "firewall.sh"));
    }
    try {
      Path code = Path.of(FirewallScript.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      for (Path dir = code.getParent(); dir != null; dir = dir.getParent()) {
        candidates.add(dir.resolve("scripts").resolve("firewall.sh"));
        if (candidates.size() > 4) {
          break;
        }
      }
    } catch (URISyntaxException | RuntimeException e) {
      // no code location: fall back to the working directory
    }
    candidates.add(Path.of("scripts", "firewall.sh"));
    for (Path p : candidates) {
      if (Files.isExecutable(p)) {
        return p.toAbsolutePath();
      }
    }
    throw new OperationFailedException("scripts/firewall.sh not found: set firewall.script (VPN_FIREWALL_SCRIPT)");
  }
}
