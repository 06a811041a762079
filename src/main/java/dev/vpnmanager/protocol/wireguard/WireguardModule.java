package dev.vpnmanager.protocol.wireguard;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.vpnmanager.protocol.ProtocolDriver;

/** Plugs the WireGuard driver into the protocol map. */
@Module
public interface WireguardModule {
  @Binds
  @IntoMap
  @StringKey(WireguardDriver.ID)
  ProtocolDriver driver(WireguardDriver driver);
}
