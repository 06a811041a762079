package dev.vpnmanager.config;

import java.util.Locale;

/** One configuration key: its YAML path, default, documentation and value check. */
public record ConfigKey(String path, String defaultValue, String description, ValueType type) {

  /** The environment variable that overrides this key: VPN_ + the path in upper snake case. */
  public String envVar() {
    return "VPN_" + path.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
  }
}
