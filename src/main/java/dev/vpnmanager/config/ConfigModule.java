package dev.vpnmanager.config;

import dagger.Module;
import dagger.Provides;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import javax.inject.Singleton;

/**
 * Settings and the clock come in through the component builder; this module turns settings into
 * {@link Config}-qualified values and provides the process-wide randomness. Classes that read many keys, or
 * that are built outside the graph (the CLI's backup commands, the database), still take {@link Settings}.
 */
@Module
public interface ConfigModule {
  @Provides
  @Singleton
  static SecureRandom secureRandom() {
    return new SecureRandom();
  }

  @Provides
  @Config("data-dir")
  static Path dataDir(Settings settings) {
    return settings.dataDir();
  }

  @Provides
  @Config("invite-ttl")
  static Duration inviteTtl(Settings settings) {
    return settings.duration(ConfigKeys.INVITE_TTL);
  }

  @Provides
  @Config("reconcile-interval")
  static Duration reconcileInterval(Settings settings) {
    return settings.duration(ConfigKeys.RECONCILE_INTERVAL);
  }

  @Provides
  @Config("traffic-interval")
  static Duration trafficInterval(Settings settings) {
    return settings.duration(ConfigKeys.TRAFFIC_INTERVAL);
  }

  @Provides
  @Config("enforce-interval")
  static Duration enforceInterval(Settings settings) {
    return settings.duration(ConfigKeys.ENFORCE_INTERVAL);
  }
}
