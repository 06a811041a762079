package dev.vpnmanager.protocol.shadowsocks;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.vpnmanager.protocol.ProtocolDriver;

/** Plugs the Shadowsocks driver into the protocol map. */
@Module
public interface ShadowsocksModule {
  @Binds
  @IntoMap
  @StringKey(ShadowsocksDriver.ID)
  ProtocolDriver driver(ShadowsocksDriver driver);
}
