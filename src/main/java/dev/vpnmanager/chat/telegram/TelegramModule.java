package dev.vpnmanager.chat.telegram;

import dev.vpnmanager.chat.Admins;
import dev.vpnmanager.chat.Platform;
import dagger.Lazy;
import dagger.Module;
import dev.vpnmanager.http.HttpRoutes;
import dev.vpnmanager.http.WebServer;
import dagger.Provides;
import dagger.multibindings.ElementsIntoSet;
import dev.vpnmanager.chat.BotNames;
import dev.vpnmanager.chat.ChatTransport;
import dev.vpnmanager.chat.i18n.LanguagePreferences;
import dev.vpnmanager.chat.outbox.Limits;
import dev.vpnmanager.chat.router.CommandRouter;
import dev.vpnmanager.config.ConfigKeys;
import dev.vpnmanager.config.Settings;
import dev.vpnmanager.storage.StateStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Set;
import javax.inject.Singleton;

/** Telegram joins the set of chat transports when telegram.token (VPN_TELEGRAM_TOKEN) is set. */
@Module
public interface TelegramModule {
  @Provides
  @ElementsIntoSet
  @Singleton
  static Set<ChatTransport> telegram(Settings settings, CommandRouter router, LanguagePreferences languages,
                                     BotNames names, SecureRandom random, StateStore state, Clock clock,
                                     WebhookReceiver webhook, Lazy<WebServer> web) {
    if (!settings.isSet(ConfigKeys.TELEGRAM_TOKEN)) {
      return Set.of();
    }
    java.util.List<String> admins = new Admins(settings).idsOn(Platform.TELEGRAM);
    return Set.of(new TelegramTransport(TelegramSettings.from(settings), Limits.telegram(), router, languages, names,
        admins, random, new BlockedChats(state, clock), webhook, () -> web.get().start(),
        new HandledUpdates(state, clock, settings.databaseUrl().startsWith("jdbc:postgresql:"))));
  }

  /** The webhook's route on the HTTP server: there (and refusing everything) only in webhook mode. */
  @Provides
  @Singleton
  static WebhookReceiver webhookReceiver(Settings settings) {
    return new WebhookReceiver(settings.get(ConfigKeys.TELEGRAM_WEBHOOK_URL));
  }

  @Provides
  @ElementsIntoSet
  static Set<HttpRoutes> webhookRoute(Settings settings, WebhookReceiver receiver) {
    return settings.isSet(ConfigKeys.TELEGRAM_TOKEN) && settings.isSet(ConfigKeys.TELEGRAM_WEBHOOK_URL)
        ? Set.of(receiver) : Set.of();
  }
}
