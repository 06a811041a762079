package dev.vpnmanager.scheduling;

import dev.vpnmanager.common.OperationFailedException;
import java.util.Date;
import java.util.Properties;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Provider;
import javax.inject.Singleton;
import dev.vpnmanager.config.Settings;
import io.ebean.Database;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled jobs of {@code serve}: a Quartz scheduler, jobs built by Dagger, every job
 * {@code @DisallowConcurrentExecution}. On SQLite the job store is in memory (schedule state that must survive
 * a restart, such as the day of the last backup, lives in our own state_entry table); on PostgreSQL it is
 * Quartz's clustered JDBC store, so any number of serve processes on one database run each job once per period
 * ({@link JobStores}). {@link #stop()} waits for running jobs.
 */
@Singleton
public final class Daemon {
  private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);
  private final Set<JobSpec> specs;
  private final DaggerJobFactory factory;
  private Scheduler scheduler;
  private Thread shutdownHook;

  /** Null: the in-memory store; else the clustered store over this database's pool. */
  private final Provider<Database> clusterDatabase;

  /** In memory, whatever the database (tests of the scheduling rules). */
  public Daemon(Set<JobSpec> specs, DaggerJobFactory factory) {
    this(specs, factory, null);
  }

  private Daemon(Set<JobSpec> specs, DaggerJobFactory factory, Provider<Database> clusterDatabase) {
    this.specs = specs;
    this.factory = factory;
    this.clusterDatabase = clusterDatabase;
  }

  @Inject
  public Daemon(Set<JobSpec> specs, DaggerJobFactory factory, Settings settings, Provider<Database> database) {
    this(specs, factory, settings.databaseUrl().startsWith("jdbc:postgresql:") ? database : null);
  }

  /** The clustered store on PostgreSQL, whatever the settings (tests with several schedulers). */
  public static Daemon clustered(Set<JobSpec> specs, DaggerJobFactory factory, Database database) {
    return new Daemon(specs, factory, () -> database);
  }

  public synchronized void start() {
    if (scheduler != null) {
      return;
    }
    try {
      Properties props = clusterDatabase == null ? JobStores.inMemory(specs.size())
          : JobStores.clustered(specs.size(), clusterDatabase.get().dataSource());
      Scheduler s = new StdSchedulerFactory(props).getScheduler();
      // Quartz keeps schedulers in a JVM-wide registry by name and would hand this one out again; every
      // instance of the cluster has the same name, so keep it out of the registry (we hold our own reference)
      SchedulerRepository.getInstance().remove(s.getSchedulerName());
      s.setJobFactory(clusterDatabase == null ? factory
          : new ExclusiveRuns(factory, clusterDatabase.get().dataSource()));
      s.getListenerManager().addJobListener(new RunLog());
      Date first = new Date(System.currentTimeMillis() + 1_000);
      for (JobSpec spec : specs) {
        schedule(s, spec, first);
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

  /**
   * In memory the store is empty at start. In a shared store the job is usually there already, put by another
   * instance or an earlier run: it is kept as it is (replacing it would restart its period and run it early),
   * unless its class or period changed.
   */
  private static void schedule(Scheduler s, JobSpec spec, Date first) throws SchedulerException {
    JobDetail job = JobBuilder.newJob(spec.type()).withIdentity(spec.name()).build();
    Trigger existing = s.getTrigger(TriggerKey.triggerKey(spec.name()));
    JobDetail stored = existing == null ? null : s.getJobDetail(job.getKey());
    if (existing instanceof SimpleTrigger t && t.getRepeatInterval() == spec.period().toMillis()
        && stored != null && stored.getJobClass() == spec.type()) {
      return;
    }
    s.scheduleJob(job, Set.of(Triggers.every(spec.name(), spec.period(), first)), true);
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

  /** Whether this daemon's schedule is shared with other instances (PostgreSQL). */
  public boolean clustered() {
    return clusterDatabase != null;
  }

  /** One debug line per run with the period it runs for: across instances, no period may appear twice. */
  private static final class RunLog extends org.quartz.listeners.JobListenerSupport {
    @Override
    public String getName() {
      return "run-log";
    }

    @Override
    public void jobToBeExecuted(org.quartz.JobExecutionContext context) {
      LOG.debug("job {} runs for {}", context.getJobDetail().getKey().getName(),
          context.getScheduledFireTime().toInstant());
    }
  }
}
