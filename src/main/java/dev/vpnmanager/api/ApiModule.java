package dev.vpnmanager.api;

import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import dev.vpnmanager.audit.AuditLog;
import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.config.ConfigKeys;
import dev.vpnmanager.config.Settings;
import dev.vpnmanager.delivery.ConfigDelivery;
import dev.vpnmanager.http.sub.SubscriptionTokens;
import dev.vpnmanager.http.HttpRoutes;
import dev.vpnmanager.server.ServerService;
import dev.vpnmanager.server.runtime.ServerContainers;
import dev.vpnmanager.server.runtime.ServerStatuses;
import dev.vpnmanager.user.UserQueries;
import dev.vpnmanager.user.UserService;
import java.time.Clock;

/** The admin API's routes on the HTTP server. */
@Module
public interface ApiModule {
  @Provides
  @IntoSet
  static HttpRoutes api(ApiTokens tokens, Settings settings, Clock clock, UserService users, UserQueries queries,
                        ConfigDelivery configs, SubscriptionTokens subscriptions, ServerService servers,
                        ServerContainers containers, ServerStatuses statuses, AuditLog audit) {
    int perMinute;
    try {
      perMinute = Integer.parseInt(settings.get(ConfigKeys.API_RATE_PER_MINUTE).trim());
    } catch (NumberFormatException e) {
      perMinute = -1;
    }
    if (perMinute < 1) {
      throw new InvalidInputException("api.rate-per-minute must be a whole number of at least 1, not '"
          + settings.get(ConfigKeys.API_RATE_PER_MINUTE) + "'");
    }
    return new ApiRoutes(tokens, new RateLimiter(perMinute, clock), users, queries, configs, subscriptions, servers,
        containers, statuses, audit, clock);
  }
}
