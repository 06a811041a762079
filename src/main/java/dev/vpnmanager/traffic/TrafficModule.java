package dev.vpnmanager.traffic;

import java.time.Duration;
import dev.vpnmanager.config.Config;
import dagger.Binds;
import dagger.BindsOptionalOf;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.ClassKey;
import dagger.multibindings.IntoMap;
import dagger.multibindings.IntoSet;
import dev.vpnmanager.scheduling.JobSpec;
import org.quartz.Job;

/**
 * Traffic accounting. The container side binds {@link CounterSources} (what runs and how to read it); until
 * it does, the collector has no sources and the traffic job does nothing.
 */
@Module
public interface TrafficModule {
  @BindsOptionalOf
  CounterSources counterSources();

  @Binds
  @IntoMap
  @ClassKey(TrafficJob.class)
  Job trafficJob(TrafficJob job);

  @Provides
  @IntoSet
  static JobSpec trafficSchedule(@Config("traffic-interval") Duration every) {
    return new JobSpec("traffic", TrafficJob.class, every);
  }
}
