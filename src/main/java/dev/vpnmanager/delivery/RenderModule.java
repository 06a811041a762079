package dev.vpnmanager.delivery;

import dagger.Binds;
import dagger.Module;

/** Client config delivery: links, files and QR codes from the database. */
@Module
public interface RenderModule {
  @Binds
  ConfigDelivery configDelivery(ClientConfigs impl);
}
