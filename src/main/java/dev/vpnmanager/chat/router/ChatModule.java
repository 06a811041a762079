package dev.vpnmanager.chat.router;

import dev.vpnmanager.common.OperationFailedException;
import dev.vpnmanager.chat.ChatTransport;
import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import dagger.Provides;
import dagger.multibindings.Multibinds;
import dev.vpnmanager.config.Settings;
import dev.vpnmanager.storage.DataDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import javax.inject.Singleton;

/** The chat core: router, signed callbacks (key kept in the data dir), built-in commands. */
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

  @Provides
  @Singleton
  static CallbackCodec callbackCodec(Settings settings, Clock clock, SecureRandom random, NonceStore nonces) {
    return new CallbackCodec(callbackKey(settings.dataDir(), random), clock, random, nonces);
  }

  /** The HMAC key for button data: 32 random bytes in data-dir/callback.key, mode 0600. */
  static byte[] callbackKey(Path dataDir, SecureRandom random) {
    Path file = dataDir.resolve("callback.key");
    try {
      DataDir.ensure(dataDir);
      if (!Files.exists(file)) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        DataDir.writeSecret(file, key);
      }
      byte[] key = Files.readAllBytes(file);
      if (key.length < 32) {
        throw new IllegalStateException(file + " is damaged: delete it to make a new key");
      }
      return key;
    } catch (java.io.IOException e) {
      throw new OperationFailedException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
