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

  /**
   * A Go-built peer (xray, sing-box) that scripts/install-peers.sh puts in {@code $VPN_PEERS_PREFIX/bin}
   * (default /opt/vpn-manager-peers): {@code $VPN_TEST_XRAY} (VPN_TEST_SING_BOX ...) first, then that directory,
   * then the PATH. Skips (or fails, under CI) when none has it.
   */
  public static Path goPeer(String name) {
    String var = "VPN_TEST_" + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
    String explicit = System.getenv(var);
    if (explicit != null && !explicit.isBlank() && Files.isExecutable(Path.of(explicit))) {
      return Path.of(explicit);
    }
    Path installed = Path.of(System.getenv().getOrDefault("VPN_PEERS_PREFIX", "/opt/vpn-manager-peers"), "bin", name);
    if (Files.isExecutable(installed)) {
      return installed;
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    String msg = name + " not found (" + var + ", " + installed + ", PATH): install it with scripts/install-peers.sh";
    if (required()) {
      fail(msg);
    }
    assumeTrue(false, msg);
    return null;
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
