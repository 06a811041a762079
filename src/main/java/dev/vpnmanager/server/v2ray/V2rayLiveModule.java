package dev.vpnmanager.server.v2ray;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.vpnmanager.node.NodeRuntimes;
import dev.vpnmanager.protocol.Protocols;
import dev.vpnmanager.server.live.LiveUsers;
import dev.vpnmanager.server.live.TrafficCounters;
import dev.vpnmanager.protocol.vless.VlessDriver;
import dev.vpnmanager.server.runtime.ApiSockets;
import dev.vpnmanager.server.runtime.ContainerPlanner;
import io.ebean.Database;

/** The v2ray/Xray-core protocols (vless, http, socks): container plans, live users and traffic counters. */
@Module
public interface V2rayLiveModule {
  @Binds
  @IntoMap
  @StringKey(VlessDriver.ID)
  LiveUsers vlessLive(VlessLive live);

  @Provides
  @IntoMap
  @StringKey("http")
  static LiveUsers httpLive(XrayApis apis, Database db, NodeRuntimes nodes) {
    return new ProxyLive(apis, db, "http", nodes);
  }

  @Provides
  @IntoMap
  @StringKey("socks")
  static LiveUsers socksLive(XrayApis apis, Database db, NodeRuntimes nodes) {
    return new ProxyLive(apis, db, "socks", nodes);
  }

  @Provides
  @IntoMap
  @StringKey(VlessDriver.ID)
  static TrafficCounters vlessCounters(XrayApis apis, NodeRuntimes nodes) {
    return new V2rayCounters(apis, "xray", nodes);
  }

  @Provides
  @IntoMap
  @StringKey("http")
  static TrafficCounters httpCounters(XrayApis apis, NodeRuntimes nodes) {
    return new V2rayCounters(apis, "xray", nodes);
  }

  @Provides
  @IntoMap
  @StringKey("socks")
  static TrafficCounters socksCounters(XrayApis apis, NodeRuntimes nodes) {
    return new V2rayCounters(apis, "xray", nodes);
  }

  @Provides
  @IntoMap
  @StringKey(VlessDriver.ID)
  static ContainerPlanner vlessPlanner(Database db, Protocols protocols, ApiSockets sockets) {
    return new V2rayPlanner(db, protocols.require(VlessDriver.ID), sockets);
  }

  @Provides
  @IntoMap
  @StringKey("http")
  static ContainerPlanner httpPlanner(Database db, Protocols protocols, ApiSockets sockets) {
    return new V2rayPlanner(db, protocols.require("http"), sockets);
  }

  @Provides
  @IntoMap
  @StringKey("socks")
  static ContainerPlanner socksPlanner(Database db, Protocols protocols, ApiSockets sockets) {
    return new V2rayPlanner(db, protocols.require("socks"), sockets);
  }
}
