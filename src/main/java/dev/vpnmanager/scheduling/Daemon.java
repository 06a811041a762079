package dev.vpnmanager.scheduling;

import dev.vpnmanager.common.OperationFailedException;
import java.util.Date;
import java.util.Properties;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.quartz.JobBuilder;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled jobs of {@code serve}: a Quartz scheduler with an in-memory job store (schedule state that
 * must survive a restart, such as the day of the last backup, lives in our own state_entry table), jobs
 * built by Dagger, every job {@code @DisallowConcurrentExecution}. {@link #stop()} waits for running jobs.
 */
@Singleton
public final class Daemon {
  private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);
  private final Set<JobSpec> specs;
  private final DaggerJobFactory factory;
  private Scheduler scheduler;
  private Thread shutdownHook;

  @Inject
  public Daemon(Set<JobSpec> specs, DaggerJobFactory factory) {
    this.specs = specs;
    this.factory = factory;
  }

  public synchronized void start() {
    if (scheduler != null) {
      return;
    }
    try {
      Scheduler s = new StdSchedulerFactory(properties(specs.size())).getScheduler();
      s.setJobFactory(factory);
      Date first = new Date(System.currentTimeMillis() + 1_000);
      for (JobSpec spec : specs) {
        s.scheduleJob(JobBuilder.newJob(spec.type()).withIdentity(spec.name()).build(),
            Triggers.every(spec.name(), spec.period(), first));
      }
      s.start();
      scheduler = s;
      // on SIGTERM the JVM waits for its hooks: this one lets running jobs finish their transaction
      shutdownHook = new Thread(this::stop, "scheduler-stop");
      Runtime.getRuntime().addShutdownHook(shutdownHook);
      LOG.info("scheduler started with {} jobs", specs.size());
    } catch (SchedulerException e) {
      throw new OperationFailedException("cannot start the scheduler: " + e.getMessage(), e);
    }
  }

  /** Stops triggering and waits for the jobs that run now to finish. Safe to call twice. */
  public synchronized void stop() {
    if (scheduler == null) {
      return;
    }
    try {
      scheduler.shutdown(true);
    } catch (SchedulerException e) {
      LOG.warn("scheduler did not stop cleanly: {}", e.toString());
    }
    scheduler = null;
    if (Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // the JVM is shutting down already
      }
    }
  }

  public synchronized boolean running() {
    return scheduler != null;
  }

  static Properties properties(int jobs) {
    Properties p = new Properties();
    p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, "vpn-manager-" + System.identityHashCode(p));
    p.setProperty("org.quartz.scheduler.interruptJobsOnShutdownWithWait", "false");
    p.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS, "org.quartz.simpl.RAMJobStore");
    p.setProperty("org.quartz.jobStore.misfireThreshold", String.valueOf(Triggers.MISFIRE_THRESHOLD_MS));
    p.setProperty(StdSchedulerFactory.PROP_THREAD_POOL_CLASS, "org.quartz.simpl.SimpleThreadPool");
    // one thread per job (a job never overlaps itself) and a spare
    p.setProperty("org.quartz.threadPool.threadCount", String.valueOf(jobs + 1));
    p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
    return p;
  }
}
