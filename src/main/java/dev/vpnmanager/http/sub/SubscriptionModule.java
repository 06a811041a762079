package dev.vpnmanager.http.sub;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import dev.vpnmanager.audit.AuditLog;
import dev.vpnmanager.config.ConfigKeys;
import dev.vpnmanager.config.Settings;
import dev.vpnmanager.delivery.SubscriptionUrls;
import dev.vpnmanager.event.DomainEvent;
import dev.vpnmanager.event.EventSubscriber;
import dev.vpnmanager.http.HttpRoutes;
import dev.vpnmanager.http.HttpSettings;
import dev.vpnmanager.protocol.Protocols;
import dev.vpnmanager.storage.SharedKeys;
import dev.vpnmanager.storage.Tx;
import dev.vpnmanager.user.UserEvent;
import dev.vpnmanager.user.UserQueries;
import java.time.Clock;
import javax.inject.Singleton;

/** Subscriptions: tokens, the formats, the user page, GET /sub/{token}; a deleted user's row is dropped. */
@Module
public interface SubscriptionModule {
  @Provides
  @Singleton
  static SubscriptionTokens tokens(SharedKeys keys, Tx tx, UserQueries users, AuditLog audit, HttpSettings http) {
    return new SubscriptionTokens(keys.get("subscription"), tx, users, audit, http);
  }

  @Binds
  SubscriptionUrls urls(SubscriptionTokens tokens);

  @Provides
  @Singleton
  static Subscriptions subscriptions(SubscriptionTokens tokens, Protocols protocols, Settings settings) {
    return new Subscriptions(tokens, protocols, settings);
  }

  @Provides
  @IntoSet
  static HttpRoutes routes(Subscriptions subscriptions, Clock clock, Settings settings) {
    return new SubscriptionRoutes(subscriptions, new SubscriptionPage(subscriptions, clock,
        settings.get(ConfigKeys.HTTP_SUPPORT_URL).trim()));
  }

  @Provides
  @IntoSet
  static EventSubscriber forgetDeleted(SubscriptionTokens tokens) {
    return (DomainEvent event) -> {
      if (event instanceof UserEvent u && u.kind() == UserEvent.Kind.DELETED && u.snapshot().id() != null) {
        tokens.forget(u.snapshot().id());
      }
    };
  }
}
