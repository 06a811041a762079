package dev.vpnmanager.traffic;

import java.io.IOException;
import java.util.Map;

/**
 * The per-user traffic counters of one running server, read from the server's own API without resetting
 * them (v2ray/Xray StatsService QueryStats with reset=false, {@code wg show transfer}, ss-manager stat).
 * Implemented per protocol by the server side; the collector turns the absolute values into deltas.
 */
public interface CounterSource {
  /** The server definition these counters belong to (VpnServer.name). */
  String serverName();

  /**
   * Absolute bytes (uplink + downlink) per VPN username since the server's core started. A value lower than
   * the last one seen means the core restarted; a missing user simply had no traffic yet.
   */
  Map<String, Long> read() throws IOException;
}
