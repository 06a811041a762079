package dev.vpnmanager.protocol.proxy;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoMap;
import dagger.multibindings.StringKey;
import dev.vpnmanager.protocol.ProtocolDriver;

/** Plugs the HTTP and SOCKS5 proxy drivers into the protocol map. */
@Module
public interface ProxyModule {
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
