package dev.vpnmanager.server.live;

import dev.vpnmanager.protocol.ServerSpec;
import dev.vpnmanager.protocol.UserSpec;
import dev.vpnmanager.traffic.CounterSink;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads per-user traffic from a running server (declared here, implemented with the container runtime, bound
 * into {@code Map<String, TrafficCounters>} by protocol id). Sources: v2ray/Xray {@code StatsService/QueryStats}
 * {@code user>>>NAME>>>traffic>>>uplink|downlink}; ss-manager {@code ping} ({@code stat: {"port":bytes}}, mapped
 * back to the user holding that port); WireGuard {@code wg show wg0 transfer} (mapped back by public key).
 * Counters are cumulative since the server (or peer) started; a value lower than the last one read means a
 * restart, and the caller adds the new value instead of the difference.
 */
public interface TrafficCounters {
  /** One sample per given user the server has counted; users without traffic yet may be missing. */
  List<TrafficSample> read(ServerSpec server, List<UserSpec> users);

  /**
   * The same counters handed to a traffic cycle's sink, as absolute bytes (uplink plus downlink) per user name.
   * {@code users} is asked for only by sources that need the server's users to name what they read (a port, a
   * public key); a source whose core names its counters by user (v2ray/Xray) overrides this and reads no user.
   */
  default void readInto(ServerSpec server, Supplier<List<UserSpec>> users, CounterSink into) {
    for (TrafficSample s : read(server, users.get())) {
      into.add(s.username(), s.total());
    }
  }
}
