package dev.vpnmanager.live;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.ClassKey;
import dagger.multibindings.IntoMap;
import dagger.multibindings.IntoSet;
import dev.vpnmanager.alert.ServerHealthSource;
import dev.vpnmanager.config.ConfigKeys;
import dev.vpnmanager.config.Settings;
import dev.vpnmanager.live.v2ray.V2rayLiveModule;
import dev.vpnmanager.scheduling.JobSpec;
import dev.vpnmanager.traffic.CounterSources;
import org.quartz.Job;

/**
 * Live servers: user changes applied over each server's API, drift reconciled, counters and health read from
 * the running containers. Protocols plug in through the LiveUsers/TrafficCounters/ContainerPlanner maps.
 */
@Module(includes = V2rayLiveModule.class)
public interface LiveModule {
  @Binds
  CounterSources counterSources(ContainerCounterSources sources);

  @Binds
  ServerHealthSource serverHealthSource(ContainerHealthSource source);

  @Binds
  @IntoMap
  @ClassKey(ReconcileJob.class)
  Job reconcileJob(ReconcileJob job);

  @Provides
  @IntoSet
  static JobSpec reconcileSchedule(Settings settings) {
    return new JobSpec("reconcile", ReconcileJob.class, settings.duration(ConfigKeys.RECONCILE_INTERVAL));
  }
}
