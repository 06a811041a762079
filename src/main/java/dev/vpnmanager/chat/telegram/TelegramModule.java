package dev.vpnmanager.chat.telegram;

import dev.vpnmanager.chat.Admins;
import dev.vpnmanager.chat.Platform;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.ElementsIntoSet;
import dev.vpnmanager.chat.BotNames;
import dev.vpnmanager.chat.ChatTransport;
import dev.vpnmanager.chat.i18n.LanguagePreferences;
import dev.vpnmanager.chat.outbox.Limits;
import dev.vpnmanager.chat.router.CommandRouter;
import dev.vpnmanager.config.ConfigKeys;
import dev.vpnmanager.config.Settings;
import java.security.SecureRandom;
import java.util.Set;
import javax.inject.Singleton;

/** Telegram joins the set of chat transports when telegram.token (VPN_TELEGRAM_TOKEN) is set. */
@Module
public interface TelegramModule {
  @Provides
  @ElementsIntoSet
  @Singleton
  static Set<ChatTransport> telegram(Settings settings, CommandRouter router, LanguagePreferences languages,
                                     BotNames names, SecureRandom random) {
    if (!settings.isSet(ConfigKeys.TELEGRAM_TOKEN)) {
      return Set.of();
    }
    return Set.of(create(settings, Limits.telegram(), router, languages, names, random));
  }

  static TelegramTransport create(Settings settings, Limits limits, CommandRouter router,
                                  LanguagePreferences languages, BotNames names, SecureRandom random) {
    java.util.List<String> admins = new Admins(settings).idsOn(Platform.TELEGRAM);
    return new TelegramTransport(TelegramSettings.from(settings), limits, router, languages, names, admins,
        random);
  }
}
