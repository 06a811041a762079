package dev.vpnmanager.chat.router;

import dev.vpnmanager.chat.ChatTransport;
import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import dagger.Provides;
import dagger.multibindings.Multibinds;
import dev.vpnmanager.storage.SharedKeys;
import java.security.SecureRandom;
import java.time.Clock;
import javax.inject.Singleton;

/** The chat core: router, signed callbacks (key kept in the database), built-in commands. */
@Module
public interface ChatModule {
  @Multibinds
  java.util.Set<CommandHandler> handlers();

  /** Every running chat platform (Telegram, Matrix ...): serve starts them, the notifier sends through them. */
  @Multibinds
  java.util.Set<ChatTransport> transports();

  @Binds
  NonceStore nonceStore(DbNonceStore store);

  @Binds
  @IntoSet
  CommandHandler help(HelpCommand h);

  @Binds
  @IntoSet
  CommandHandler whoami(WhoamiCommand h);

  @Provides
  @IntoSet
  static CommandHandler menu(HelpCommand h) {
    return h.asMenu();
  }

  /** Buttons are signed with the shared key {@code callback} (in the database: the same on every instance). */
  @Provides
  @Singleton
  static CallbackCodec callbackCodec(SharedKeys keys, Clock clock, SecureRandom random, NonceStore nonces) {
    return new CallbackCodec(keys.get("callback"), clock, random, nonces);
  }
}
