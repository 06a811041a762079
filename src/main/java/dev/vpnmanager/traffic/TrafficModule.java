package dev.vpnmanager.traffic;

import dagger.Binds;
import dagger.BindsOptionalOf;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.ClassKey;
import dagger.multibindings.IntoMap;
import dagger.multibindings.IntoSet;
import dev.vpnmanager.config.ConfigKeys;
import dev.vpnmanager.config.Settings;
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
  static JobSpec trafficSchedule(Settings settings) {
    return new JobSpec("traffic", TrafficJob.class, settings.duration(ConfigKeys.TRAFFIC_INTERVAL));
  }
}
