package dev.vpnmanager.housekeeping;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.ClassKey;
import dagger.multibindings.IntoMap;
import dagger.multibindings.IntoSet;
import dev.vpnmanager.scheduling.JobSpec;
import java.time.Duration;
import org.quartz.Job;

/** The hourly pruning job. */
@Module
public interface HousekeepingModule {
  @Binds
  @IntoMap
  @ClassKey(HousekeepingJob.class)
  Job housekeepingJob(HousekeepingJob job);

  @Provides
  @IntoSet
  static JobSpec housekeepingSchedule() {
    return new JobSpec("housekeeping", HousekeepingJob.class, Duration.ofHours(1));
  }
}
