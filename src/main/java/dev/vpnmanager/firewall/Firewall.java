package dev.vpnmanager.firewall;

import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.common.OperationFailedException;
import dev.vpnmanager.config.ConfigKeys;
import dev.vpnmanager.config.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Opens and closes server ports through scripts/firewall.sh, always with an argument list. firewall.mode:
 * auto (the script applies the rule, or dry-runs where the tool or root is missing), dry-run, off.
 */
@Singleton
public final class Firewall {
  private final Settings settings;

  @Inject
  public Firewall(Settings settings) {
    this.settings = settings;
  }

  public FirewallResult open(int port, String protocol) {
    return run("open", port, protocol);
  }

  public FirewallResult close(int port, String protocol) {
    return run("close", port, protocol);
  }

  private FirewallResult run(String action, int port, String protocol) {
    if (port < 1 || port > 65535) {
      throw new InvalidInputException("port must be from 1 to 65535, not " + port);
    }
    if (!"tcp".equals(protocol) && !"udp".equals(protocol)) {
      throw new InvalidInputException("protocol must be tcp or udp, not '" + protocol + "'");
    }
    String mode = settings.get(ConfigKeys.FIREWALL_MODE);
    if ("off".equals(mode)) {
      return new FirewallResult(false, List.of("firewall.mode is off: " + action + " " + port + "/" + protocol
          + " left to you"));
    }
    if (!"auto".equals(mode) && !"dry-run".equals(mode)) {
      throw new InvalidInputException("configuration key firewall.mode (VPN_FIREWALL_MODE) has invalid value '"
          + mode + "': expected auto, dry-run or off");
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(FirewallScript.locate(settings).toString());
    if ("dry-run".equals(mode)) {
      cmd.add("--dry-run");
    }
    cmd.addAll(List.of(action, String.valueOf(port), protocol));
    return execute(cmd);
  }

  private static FirewallResult execute(List<String> cmd) {
    try {
      Path errFile = Files.createTempFile("vpn-firewall", ".err");
      try {
        Process p = new ProcessBuilder(cmd).redirectError(errFile.toFile()).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new OperationFailedException("firewall helper did not finish within 30 s");
        }
        String err = Files.readString(errFile).strip();
        if (p.exitValue() != 0) {
          throw new OperationFailedException("firewall helper failed (exit " + p.exitValue() + "): "
              + err.lines().findFirst().orElse(""));
        }
        List<String> lines = out.lines().toList();
        boolean dry = lines.stream().anyMatch(l -> l.startsWith("dry-run: "));
        List<String> all = new ArrayList<>(lines);
        err.lines().forEach(all::add);
        return new FirewallResult(!dry, all);
      } finally {
        Files.deleteIfExists(errFile);
      }
    } catch (IOException e) {
      throw new OperationFailedException("cannot run the firewall helper " + cmd.get(0) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OperationFailedException("interrupted while running the firewall helper", e);
    }
  }
}
