package dev.vpnmanager.server.v2ray;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.vpnmanager.protocol.Protocols;
import dev.vpnmanager.server.live.LiveUsers;
import dev.vpnmanager.server.live.TrafficCounters;
import dev.vpnmanager.protocol.vless.VlessDriver;
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
  static LiveUsers httpLive(XrayApis apis, Database db) {
    return new ProxyLive(apis, db, "http");
  }

  @Provides
  @IntoMap
  @StringKey("socks")
  static LiveUsers socksLive(XrayApis apis, Database db) {
    return new ProxyLive(apis, db, "socks");
  }

  @Provides
  @IntoMap
  @StringKey(VlessDriver.ID)
  static TrafficCounters vlessCounters(XrayApis apis) {
    return new V2rayCounters(apis, "xray");
  }

  @Provides
  @IntoMap
  @StringKey("http")
  static TrafficCounters httpCounters(XrayApis apis) {
    return new V2rayCounters(apis, "xray");
  }

  @Provides
  @IntoMap
  @StringKey("socks")
  static TrafficCounters socksCounters(XrayApis apis) {
    return new V2rayCounters(apis, "xray");
  }

  @Provides
  @IntoMap
  @StringKey(VlessDriver.ID)
  static ContainerPlanner vlessPlanner(Database db, Protocols protocols) {
    return new V2rayPlanner(db, protocols.require(VlessDriver.ID));
  }

  @Provides
  @IntoMap
  @StringKey("http")
  static ContainerPlanner httpPlanner(Database db, Protocols protocols) {
    return new V2rayPlanner(db, protocols.require("http"));
  }

  @Provides
  @IntoMap
  @StringKey("socks")
  static ContainerPlanner socksPlanner(Database db, Protocols protocols) {
    return new V2rayPlanner(db, protocols.require("socks"));
  }
}
