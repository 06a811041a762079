package dev.vpnmanager.server.shadowsocks;

import dev.vpnmanager.server.v2ray.V2rayCounters;
import dev.vpnmanager.protocol.ServerSpec;
import dev.vpnmanager.protocol.UserSpec;
import dev.vpnmanager.server.live.TrafficCounters;
import dev.vpnmanager.server.live.TrafficSample;
import dev.vpnmanager.server.v2ray.XrayApis;
import java.util.List;
import javax.inject.Inject;

/** Shadowsocks traffic counters from the server's own core: ss-manager stats, or v2ray's StatsService. */
final class SsCountersByCore implements TrafficCounters {
  private final ShadowsocksCounters ssLibev;
  private final V2rayCounters v2ray;

  @Inject
  SsCountersByCore(ShadowsocksCounters ssLibev, XrayApis apis) {
    this.ssLibev = ssLibev;
    this.v2ray = new V2rayCounters(apis, ShadowsocksCores.V2RAY);
  }

  @Override
  public List<TrafficSample> read(ServerSpec server, List<UserSpec> users) {
    return (ShadowsocksCores.isV2ray(server) ? v2ray : ssLibev).read(server, users);
  }
}
