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

  /**
   * The same counters into a sink, which a source reading many counters overrides to hand them over without a
   * map (a traffic cycle at 100,000 users reads 200,000 counters).
   */
  default void read(CounterSink into) throws IOException {
    read().forEach(into::add);
  }

  /**
   * What changes whenever the counters start again from zero (a container's start time); empty when unknown.
   * A new epoch makes every counter of the server count from zero, so a core that restarted and then moved
   * more bytes than before within one cycle is not mistaken for a counter that merely grew.
   */
  default String epoch() {
    return "";
  }
}
