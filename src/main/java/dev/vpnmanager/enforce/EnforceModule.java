package dev.vpnmanager.enforce;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.ClassKey;
import dagger.multibindings.IntoMap;
import dagger.multibindings.IntoSet;
import dev.vpnmanager.config.ConfigKeys;
import dev.vpnmanager.config.Settings;
import dev.vpnmanager.scheduling.JobSpec;
import org.quartz.Job;

/** Quota and expiry enforcement, warnings and periodic quota resets, every enforce-interval. */
@Module
public interface EnforceModule {
  @Binds
  @IntoMap
  @ClassKey(EnforceJob.class)
  Job enforceJob(EnforceJob job);

  @Provides
  @IntoSet
  static JobSpec enforceSchedule(Settings settings) {
    return new JobSpec("enforce", EnforceJob.class, settings.duration(ConfigKeys.ENFORCE_INTERVAL));
  }
}
