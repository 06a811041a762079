package dev.vpnmanager.protocol;

import java.util.Map;

/**
 * What a driver may use when it defines a new server: the configured WireGuard subnet, the server's port, and
 * options from the configuration or the admin (core, sni, method, listen ...), which the driver validates.
 */
public record ServerDefaults(String wireguardSubnet, int port, Map<String, String> options) {
  public ServerDefaults {
    options = Map.copyOf(options);
  }

  public ServerDefaults(String wireguardSubnet) {
    this(wireguardSubnet, 0, Map.of());
  }

  public String option(String key, String fallback) {
    String v = options.get(key);
    return v == null || v.isBlank() ? fallback : v;
  }
}
