package dev.vpnmanager.protocol;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.Multibinds;
import dagger.multibindings.StringKey;
import dev.vpnmanager.protocol.live.LiveUsers;
import dev.vpnmanager.protocol.live.TrafficCounters;
import dev.vpnmanager.protocol.proxy.ProxyDriver;
import dev.vpnmanager.protocol.shadowsocks.ShadowsocksDriver;
import dev.vpnmanager.protocol.vless.VlessDriver;
import dev.vpnmanager.protocol.wireguard.WireguardDriver;
import java.util.Map;

/**
 * Every protocol driver, keyed by the protocol name users type; and the (possibly empty) maps of live hooks the
 * container runtime fills in with {@code @IntoMap} bindings keyed the same way.
 */
@Module
public interface ProtocolModule {
  @Multibinds
  Map<String, LiveUsers> liveUsers();

  @Multibinds
  Map<String, TrafficCounters> trafficCounters();

  @Binds
  @IntoMap
  @StringKey(VlessDriver.ID)
  ProtocolDriver vless(VlessDriver driver);

  @Binds
  @IntoMap
  @StringKey(ShadowsocksDriver.ID)
  ProtocolDriver shadowsocks(ShadowsocksDriver driver);

  @Binds
  @IntoMap
  @StringKey(WireguardDriver.ID)
  ProtocolDriver wireguard(WireguardDriver driver);

  @Provides
  @IntoMap
  @StringKey("http")
  static ProtocolDriver http() {
    return ProxyDriver.http();
  }

  @Provides
  @IntoMap
  @StringKey("socks")
  static ProtocolDriver socks() {
    return ProxyDriver.socks();
  }
}
