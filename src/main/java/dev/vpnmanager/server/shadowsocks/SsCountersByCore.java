package dev.vpnmanager.server.shadowsocks;

import dev.vpnmanager.node.NodeRuntimes;
import dev.vpnmanager.server.v2ray.V2rayCounters;
import dev.vpnmanager.protocol.ServerSpec;
import dev.vpnmanager.protocol.UserSpec;
import dev.vpnmanager.server.live.TrafficCounters;
import dev.vpnmanager.server.live.TrafficSample;
import dev.vpnmanager.server.v2ray.XrayApis;
import java.util.List;
import javax.inject.Inject;

/** Shadowsocks traffic counters from the server's own core: ss-manager stats, or the v2ray/Xray StatsService by user. */
final class SsCountersByCore implements TrafficCounters {
  private final ShadowsocksCounters ssLibev;
  private final V2rayCounters v2ray;
  private final V2rayCounters xray;

  @Inject
  SsCountersByCore(ShadowsocksCounters ssLibev, XrayApis apis, NodeRuntimes nodes) {
    this.ssLibev = ssLibev;
    this.v2ray = new V2rayCounters(apis, ShadowsocksCores.V2RAY);
    this.xray = new V2rayCounters(apis, ShadowsocksCores.XRAY, nodes);
  }

  @Override
  public List<TrafficSample> read(ServerSpec server, List<UserSpec> users) {
    return (switch (ShadowsocksCores.of(server)) {
      case ShadowsocksCores.V2RAY -> v2ray;
      case ShadowsocksCores.XRAY -> xray;
      default -> ssLibev;
    }).read(server, users);
  }
}
