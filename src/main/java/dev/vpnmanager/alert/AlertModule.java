package dev.vpnmanager.alert;

import dagger.Binds;
import dagger.BindsOptionalOf;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.ClassKey;
import dagger.multibindings.IntoMap;
import dagger.multibindings.IntoSet;
import dev.vpnmanager.config.ConfigKeys;
import dev.vpnmanager.config.Settings;
import dev.vpnmanager.scheduling.DailyGate;
import dev.vpnmanager.scheduling.JobSpec;
import org.quartz.Job;

/** Admin alerts: server health (bound optionally by the container side) and the daily digest. */
@Module
public interface AlertModule {
  @BindsOptionalOf
  ServerHealthSource serverHealthSource();

  @Binds
  @IntoMap
  @ClassKey(HealthJob.class)
  Job healthJob(HealthJob job);

  @Binds
  @IntoMap
  @ClassKey(DigestJob.class)
  Job digestJob(DigestJob job);

  @Provides
  @IntoSet
  static JobSpec healthSchedule(Settings settings) {
    Thresholds.of(settings);
    HealthWatch.downAfter(settings);
    return new JobSpec("health", HealthJob.class, settings.duration(ConfigKeys.ENFORCE_INTERVAL));
  }

  @Provides
  @IntoSet
  static JobSpec digestSchedule(Settings settings) {
    DailyGate.at(settings);
    return new JobSpec("digest", DigestJob.class, DailyGate.TICK);
  }
}
