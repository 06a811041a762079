package dev.vpnmanager.server.wireguard;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.vpnmanager.server.live.LiveUsers;
import dev.vpnmanager.server.live.TrafficCounters;
import dev.vpnmanager.protocol.wireguard.WireguardDriver;
import dev.vpnmanager.server.runtime.ContainerPlanner;

/** WireGuard servers in containers: the container plan, live peers and traffic counters, keyed by protocol. */
@Module
public interface WireguardServerModule {
  @Binds
  @IntoMap
  @StringKey(WireguardDriver.ID)
  ContainerPlanner planner(WireguardPlanner planner);

  @Binds
  @IntoMap
  @StringKey(WireguardDriver.ID)
  LiveUsers live(WireguardLive live);

  @Binds
  @IntoMap
  @StringKey(WireguardDriver.ID)
  TrafficCounters counters(WireguardCounters counters);
}
