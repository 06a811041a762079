package dev.vpnmanager.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Real peers (binaries, a Docker engine) that some tests need. Missing ones skip the test with a message
 * saying how to get them, unless -Dvpn.requirePeers=true (CI), where a missing peer fails the run.
 */
public final class Peers {
  private Peers() {}

  public static boolean required() {
    return Boolean.getBoolean("vpn.requirePeers") || "true".equals(System.getenv("VPN_REQUIRE_PEERS"));
  }

  /** Skips (or fails, under CI) unless the executable is on the PATH; returns its path. */
  public static Path binary(String name, String debianPackage) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    String msg = name + " not found: install it with 'apt-get install " + debianPackage
        + "' (or run scripts/ci-provision.sh as root)";
    if (required()) {
      fail(msg);
    }
    assumeTrue(false, msg);
    return null;
  }
}
