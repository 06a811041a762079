package dev.vpnmanager.protocol.vless;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.vpnmanager.protocol.ProtocolDriver;

/** Plugs the VLESS driver into the protocol map. */
@Module
public interface VlessModule {
  @Binds
  @IntoMap
  @StringKey(VlessDriver.ID)
  ProtocolDriver driver(VlessDriver driver);
}
