package dev.vpnmanager.server.v2ray;

import dev.vpnmanager.node.NodeRuntimes;
import dev.vpnmanager.protocol.ServerSpec;
import dev.vpnmanager.protocol.UserSpec;
import dev.vpnmanager.server.live.TrafficCounters;
import dev.vpnmanager.server.live.TrafficSample;
import dev.vpnmanager.traffic.CounterSink;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Per-user counters from the core's {@code StatsService/QueryStats} (one call, pattern {@code user>>>}, never
 * reset): {@code user>>>NAME>>>traffic>>>uplink|downlink}. Proxy accounts count under their user name, which
 * is the VPN user name.
 */
public final class V2rayCounters implements TrafficCounters {
  private static final String PREFIX = "user>>>";
  private final XrayApis apis;
  private final String defaultCore;
  private final NodeRuntimes nodes;

  /** Local servers only (benchmarks wired by hand). */
  public V2rayCounters(XrayApis apis, String defaultCore) {
    this(apis, defaultCore, null);
  }

  public V2rayCounters(XrayApis apis, String defaultCore, NodeRuntimes nodes) {
    this.apis = apis;
    this.defaultCore = defaultCore;
    this.nodes = nodes;
  }

  /**
   * Every {@code user>>>NAME>>>traffic>>>uplink|downlink} counter of the core, decoded in place from the answer,
   * without the server's users: the core names its counters by user, and it holds only the users LiveSync and
   * reconcile gave it (a removed user's counter no longer moves). A name that is no user counts nowhere.
   */
  @Override
  public void readInto(ServerSpec server, Supplier<List<UserSpec>> users, CounterSink into) {
    if (nodes == null || NodeRuntimes.isLocal(server)) {
      CoreApi.of(apis, server, defaultCore).queryStats(PREFIX, (b, from, to, value) -> {
        int end = userEnd(b, from, to);
        if (end > 0) {
          into.add(b, from + P.length, end, value);
        }
      });
      return;
    }
    CoreApi.exec(nodes, server).queryStats(PREFIX).forEach((name, value) -> {
      byte[] b = name.getBytes(StandardCharsets.UTF_8);
      int end = userEnd(b, 0, b.length);
      if (end > 0) {
        into.add(b, P.length, end, value);
      }
    });
  }

  private static final byte[] P = PREFIX.getBytes(StandardCharsets.US_ASCII);
  private static final byte[] UP = ">>>traffic>>>uplink".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DOWN = ">>>traffic>>>downlink".getBytes(StandardCharsets.US_ASCII);
  private static final byte[][] SUFFIXES = {UP, DOWN};

  /** Where the user name of a {@code user>>>NAME>>>traffic>>>uplink|downlink} counter ends; -1 for others. */
  static int userEnd(byte[] b, int from, int to) {
    if (to - from <= P.length || !Arrays.equals(b, from, from + P.length, P, 0, P.length)) {
      return -1;
    }
    for (byte[] suffix : SUFFIXES) {
      int end = to - suffix.length;
      if (end > from + P.length && Arrays.equals(b, end, to, suffix, 0, suffix.length)) {
        return end;
      }
    }
    return -1;
  }

  @Override
  public List<TrafficSample> read(ServerSpec server, List<UserSpec> users) {
    Map<String, Long> stats = nodes == null || NodeRuntimes.isLocal(server)
        ? CoreApi.of(apis, server, defaultCore).queryStats(PREFIX)
        : CoreApi.exec(nodes, server).queryStats(PREFIX);
    List<TrafficSample> out = new ArrayList<>();
    for (UserSpec u : users) {
      Long up = stats.get(PREFIX + u.username() + ">>>traffic>>>uplink");
      Long down = stats.get(PREFIX + u.username() + ">>>traffic>>>downlink");
      if (up != null || down != null) {
        out.add(new TrafficSample(u.username(), up == null ? 0 : up, down == null ? 0 : down));
      }
    }
    return out;
  }
}
