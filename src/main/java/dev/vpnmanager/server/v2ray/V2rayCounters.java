package dev.vpnmanager.server.v2ray;

import dev.vpnmanager.node.NodeRuntimes;
import dev.vpnmanager.protocol.ServerSpec;
import dev.vpnmanager.protocol.UserSpec;
import dev.vpnmanager.server.live.TrafficCounters;
import dev.vpnmanager.server.live.TrafficSample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
