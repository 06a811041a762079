package dev.vpnmanager.firewall;

import java.util.List;

/** What the firewall helper did: {@code applied} false means a dry run (or mode off); {@code lines} its output. */
public record FirewallResult(boolean applied, List<String> lines) {
  public FirewallResult {
    lines = List.copyOf(lines);
  }
}
