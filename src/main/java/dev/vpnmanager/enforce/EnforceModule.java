package dev.vpnmanager.enforce;

import java.time.Duration;
import dev.vpnmanager.config.Config;
import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.ClassKey;
import dagger.multibindings.IntoMap;
import dagger.multibindings.IntoSet;
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
  static JobSpec enforceSchedule(@Config("enforce-interval") Duration every) {
    return new JobSpec("enforce", EnforceJob.class, every);
  }
}
