package dev.vpnmanager.testing.telegram;

import dagger.Binds;
import dagger.Module;
import dev.vpnmanager.render.ConfigDelivery;

/** Binds {@link FixedLinkDelivery} for the chat test graph. */
@Module
public interface FixedLinkDeliveryModule {
  @Binds
  ConfigDelivery delivery(FixedLinkDelivery d);
}
