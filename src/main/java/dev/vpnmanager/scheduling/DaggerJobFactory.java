package dev.vpnmanager.scheduling;

import java.util.Map;
import javax.inject.Inject;
import javax.inject.Provider;
import org.quartz.Job;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.spi.JobFactory;
import org.quartz.spi.TriggerFiredBundle;

/** Quartz asks this factory for each run's job instance; Dagger builds it with constructor injection. */
public final class DaggerJobFactory implements JobFactory {
  private final Map<Class<?>, Provider<Job>> jobs;

  @Inject
  public DaggerJobFactory(Map<Class<?>, Provider<Job>> jobs) {
    this.jobs = jobs;
  }

  @Override
  public Job newJob(TriggerFiredBundle bundle, Scheduler scheduler) throws SchedulerException {
    Class<?> type = bundle.getJobDetail().getJobClass();
    Provider<Job> p = jobs.get(type);
    if (p == null) {
      throw new SchedulerException("no job bound for " + type.getName() + ": add it to a module's job map");
    }
    return p.get();
  }
}
