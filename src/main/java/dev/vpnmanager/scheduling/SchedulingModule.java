package dev.vpnmanager.scheduling;

import dagger.Module;
import dagger.multibindings.Multibinds;
import java.util.Map;
import java.util.Set;
import org.quartz.Job;

/**
 * The scheduler. Features contribute a {@link JobSpec} into {@code Set<JobSpec>} and their job class into
 * {@code Map<Class<?>, Job>} with {@code @IntoMap @ClassKey(TheJob.class)}; the factory builds jobs from it.
 */
@Module
public interface SchedulingModule {
  @Multibinds
  Set<JobSpec> jobSpecs();

  @Multibinds
  Map<Class<?>, Job> jobs();
}
