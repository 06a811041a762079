package dev.vpnmanager.config;

import dagger.Module;
import dagger.Provides;
import java.security.SecureRandom;
import javax.inject.Singleton;

/** Settings come in through the component builder; and so does the clock; this module provides the process-wide randomness. */
@Module
public interface ConfigModule {
  @Provides
  @Singleton
  static SecureRandom secureRandom() {
    return new SecureRandom();
  }
}
