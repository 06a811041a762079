package dev.vpnmanager.chat.matrix;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.ElementsIntoSet;
import dagger.multibindings.Multibinds;
import dev.vpnmanager.chat.ChatTransport;
import dev.vpnmanager.chat.router.AccessPolicy;
import dev.vpnmanager.chat.router.CommandRouter;
import dev.vpnmanager.config.ConfigKeys;
import dev.vpnmanager.config.Settings;
import dev.vpnmanager.storage.Tx;
import java.time.Clock;
import java.util.Set;
import javax.inject.Provider;
import javax.inject.Singleton;

/** The Matrix transport, in the set of chat transports only when a homeserver is configured. */
@Module
public interface MatrixModule {
  @Multibinds
  Set<ChatTransport> chatTransports();

  @Provides
  @ElementsIntoSet
  static Set<ChatTransport> matrixIfConfigured(Settings settings, Provider<MatrixTransport> transport) {
    return settings.isSet(ConfigKeys.MATRIX_HOMESERVER) ? Set.of(transport.get()) : Set.of();
  }

  @Provides
  @Singleton
  static MatrixTransport matrixTransport(Settings settings, Tx tx, Clock clock, CommandRouter router,
                                         AccessPolicy access) {
    MatrixConfig config = MatrixConfig.from(settings);
    return new MatrixTransport(config, MatrixClient.of(config.homeserver()), tx, clock, router, access);
  }
}
