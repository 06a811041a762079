package dev.vpnmanager.http;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.Multibinds;
import dev.vpnmanager.config.ConfigKeys;
import dev.vpnmanager.config.Settings;
import java.util.List;
import java.util.Set;
import javax.inject.Named;
import javax.inject.Singleton;

/** The HTTP face: one server, the routes every feature contributes, its settings. */
@Module
public interface HttpModule {
  @Multibinds
  Set<HttpRoutes> routes();

  @Provides
  @Singleton
  static HttpSettings httpSettings(Settings settings) {
    return HttpSettings.from(settings);
  }

  /**
   * telegram.webhook-listen, when set to another address, stays a listener of the same server so reverse
   * proxies set up for the old separate receiver keep working.
   */
  @Provides
  @Named("http.extra-listeners")
  static List<String> extraListeners(Settings settings, HttpSettings http) {
    String legacy = settings.get(ConfigKeys.TELEGRAM_WEBHOOK_LISTEN).trim();
    if (legacy.isEmpty() || !settings.isSet(ConfigKeys.TELEGRAM_WEBHOOK_URL)
        || legacy.equals(http.host() + ":" + http.port())) {
      return List.of();
    }
    HttpSettings.from(Settings.of(java.util.Map.of(ConfigKeys.HTTP_LISTEN.path(), legacy)));
    return List.of(legacy);
  }
}
