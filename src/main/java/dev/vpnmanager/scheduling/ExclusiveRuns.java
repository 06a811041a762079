package dev.vpnmanager.scheduling;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.spi.JobFactory;
import org.quartz.spi.TriggerFiredBundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clustered store already runs a job on one instance at a time. One case slips through: an instance that
 * stopped checking in (a long pause, a broken link to the database) is taken for dead and its running jobs are
 * released, while it may still be running them. So on PostgreSQL each run also holds a session advisory lock
 * named after its job; a run that finds it taken is skipped, as a run that could not start on time would be.
 * That is what keeps a traffic cycle from counting one delta twice: two cycles never overlap.
 */
final class ExclusiveRuns implements JobFactory {
  private static final Logger LOG = LoggerFactory.getLogger(ExclusiveRuns.class);
  private final JobFactory jobs;
  private final DataSource dataSource;

  ExclusiveRuns(JobFactory jobs, DataSource dataSource) {
    this.jobs = jobs;
    this.dataSource = dataSource;
  }

  @Override
  public Job newJob(TriggerFiredBundle bundle, Scheduler scheduler) throws SchedulerException {
    Job job = jobs.newJob(bundle, scheduler);
    String name = bundle.getJobDetail().getKey().getName();
    return context -> run(name, job, context);
  }

  private void run(String name, Job job, JobExecutionContext context) throws JobExecutionException {
    try (Connection c = dataSource.getConnection()) {
      if (!lock(c, "pg_try_advisory_lock", name)) {
        LOG.warn("job {} is still running on another instance: this run is skipped", name);
        return;
      }
      try {
        job.execute(context);
      } finally {
        lock(c, "pg_advisory_unlock", name);
      }
    } catch (SQLException e) {
      throw new JobExecutionException("job " + name + ": cannot take its run lock: " + e.getMessage(), e);
    }
  }

  /** Two-int advisory lock: (our namespace, hash of the job name); the chat lease uses the one-bigint form. */
  private static boolean lock(Connection c, String function, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select " + function + "(?, ?)")) {
      ps.setInt(1, NAMESPACE);
      ps.setInt(2, java.util.Arrays.hashCode(name.getBytes(StandardCharsets.UTF_8)));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  /** "vpnj" in ASCII. */
  static final int NAMESPACE = 0x76706e6a;
}
