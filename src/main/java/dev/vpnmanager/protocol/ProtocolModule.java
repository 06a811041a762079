package dev.vpnmanager.protocol;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.vpnmanager.protocol.proxy.ProxyDriver;
import dev.vpnmanager.protocol.shadowsocks.ShadowsocksDriver;
import dev.vpnmanager.protocol.vless.VlessDriver;
import dev.vpnmanager.protocol.wireguard.WireguardDriver;

/** Every protocol driver, keyed by the protocol name users type. */
@Module
public interface ProtocolModule {
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
