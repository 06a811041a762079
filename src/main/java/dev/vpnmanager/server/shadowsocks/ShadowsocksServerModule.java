package dev.vpnmanager.server.shadowsocks;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.vpnmanager.server.live.LiveUsers;
import dev.vpnmanager.server.live.TrafficCounters;
import dev.vpnmanager.protocol.shadowsocks.ShadowsocksDriver;
import dev.vpnmanager.server.runtime.ContainerPlanner;

/** Shadowsocks servers in containers (ss-libev, or v2ray when the server's core says so): container plan, live users and traffic counters, by protocol. */
@Module
public interface ShadowsocksServerModule {
  @Binds
  @IntoMap
  @StringKey(ShadowsocksDriver.ID)
  ContainerPlanner planner(SsPlannerByCore planner);

  @Binds
  @IntoMap
  @StringKey(ShadowsocksDriver.ID)
  LiveUsers live(SsLiveByCore live);

  @Binds
  @IntoMap
  @StringKey(ShadowsocksDriver.ID)
  TrafficCounters counters(SsCountersByCore counters);
}
