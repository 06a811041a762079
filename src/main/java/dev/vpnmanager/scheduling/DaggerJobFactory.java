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
  private final JobStats stats;

  @Inject
  public DaggerJobFactory(Map<Class<?>, Provider<Job>> jobs, JobStats stats) {
    this.jobs = jobs;
    this.stats = stats;
  }

  public DaggerJobFactory(Map<Class<?>, Provider<Job>> jobs) {
    this(jobs, new JobStats());
  }

  @Override
  public Job newJob(TriggerFiredBundle bundle, Scheduler scheduler) throws SchedulerException {
    Class<?> type = bundle.getJobDetail().getJobClass();
    Provider<Job> p = jobs.get(type);
    if (p == null) {
      throw new SchedulerException("no job bound for " + type.getName() + ": add it to a module's job map");
    }
    Job job = p.get();
    String name = bundle.getJobDetail().getKey().getName();
    return ctx -> {
      long start = System.nanoTime();
      boolean failed = true;
      try {
        job.execute(ctx);
        failed = false;
      } finally {
        stats.record(name, System.nanoTime() - start, failed);
      }
    };
  }
}
