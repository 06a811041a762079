package dev.vpnmanager.server.live;

import java.time.Duration;
import dev.vpnmanager.config.Config;
import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.ClassKey;
import dagger.multibindings.IntoMap;
import dagger.multibindings.IntoSet;
import dagger.multibindings.Multibinds;
import dev.vpnmanager.alert.ServerHealthSource;
import dev.vpnmanager.event.EventSubscriber;
import dev.vpnmanager.scheduling.JobSpec;
import dev.vpnmanager.traffic.CounterSources;
import java.util.Map;
import org.quartz.Job;

/**
 * Live servers: user changes applied over each server's API, drift reconciled, counters and health read from
 * the running containers. Protocols plug in through the LiveUsers/TrafficCounters/ContainerPlanner maps.
 */
@Module
public interface LiveModule {
  /** Each protocol with a live API adds its entry; a protocol without one leaves the maps without it. */
  @Multibinds
  Map<String, LiveUsers> liveUsers();

  @Multibinds
  Map<String, TrafficCounters> trafficCounters();

  @Binds
  @IntoSet
  EventSubscriber liveSync(LiveSync sync);

  @Binds
  CounterSources counterSources(ContainerCounterSources sources);

  @Binds
  ServerHealthSource serverHealthSource(ContainerHealthSource source);

  @Binds
  @IntoMap
  @ClassKey(ReconcileJob.class)
  Job reconcileJob(ReconcileJob job);

  @Binds
  @IntoMap
  @ClassKey(NodeWatchJob.class)
  Job nodeWatchJob(NodeWatchJob job);

  @Provides
  @IntoSet
  static JobSpec nodeWatchSchedule(@Config("enforce-interval") Duration every) {
    return new JobSpec("node-watch", NodeWatchJob.class, every);
  }

  @Provides
  @IntoSet
  static JobSpec reconcileSchedule(@Config("reconcile-interval") Duration every) {
    return new JobSpec("reconcile", ReconcileJob.class, every);
  }
}
