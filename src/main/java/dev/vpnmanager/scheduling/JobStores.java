package dev.vpnmanager.scheduling;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * Where Quartz keeps its schedule. SQLite: in memory (RAMJobStore); one serve per database file, so there is
 * nothing to share. PostgreSQL: Quartz's JDBC job store, clustered, on the tables of migration 1.8 and the
 * connections of our own pool, so several serve processes on one database fire each trigger once and never run
 * one job twice at once; a dead instance's jobs are taken over after {@link #CHECKIN_MS} and a few seconds.
 */
final class JobStores {
  /** The scheduler name every instance shares on PostgreSQL (qrtz_*.sched_name). */
  static final String CLUSTER_NAME = "vpn-manager";
  /** How often each instance checks in; an instance late by more than this plus 7.5 s is taken for dead. */
  static final long CHECKIN_MS = 5_000;

  private JobStores() {}

  static Properties inMemory(int jobs) {
    Properties p = common(jobs);
    p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, "vpn-manager-" + System.identityHashCode(p));
    p.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS, "org.quartz.simpl.RAMJobStore");
    return p;
  }

  /**
   * A clustered JDBC store over {@code dataSource}. Quartz finds connections by name in a JVM-wide registry, so
   * each scheduler registers its pool under a name of its own.
   */
  static Properties clustered(int jobs, DataSource dataSource) {
    String instance = instanceId();
    String pool = "vpn-manager-" + instance;
    DBConnectionManager.getInstance().addConnectionProvider(pool, new Pooled(dataSource));
    Properties p = common(jobs);
    p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, CLUSTER_NAME);
    p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_ID, instance);
    p.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS, "org.quartz.impl.jdbcjobstore.JobStoreTX");
    p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
    p.setProperty("org.quartz.jobStore.dataSource", pool);
    p.setProperty("org.quartz.jobStore.tablePrefix", "qrtz_");
    p.setProperty("org.quartz.jobStore.isClustered", "true");
    p.setProperty("org.quartz.jobStore.clusterCheckinInterval", String.valueOf(CHECKIN_MS));
    p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
    // wake up at least this often to look for due triggers: another instance may have changed them
    p.setProperty("org.quartz.scheduler.idleWaitTime", "5000");
    return p;
  }

  private static Properties common(int jobs) {
    Properties p = new Properties();
    p.setProperty("org.quartz.scheduler.interruptJobsOnShutdownWithWait", "false");
    p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    p.setProperty("org.quartz.jobStore.misfireThreshold", String.valueOf(Triggers.MISFIRE_THRESHOLD_MS));
    p.setProperty(StdSchedulerFactory.PROP_THREAD_POOL_CLASS, "org.quartz.simpl.SimpleThreadPool");
    // one thread per job (a job never overlaps itself) and a spare
    p.setProperty("org.quartz.threadPool.threadCount", String.valueOf(jobs + 1));
    p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
    return p;
  }

  /** host-pid-random: unique per process and per scheduler, and readable in qrtz_scheduler_state. */
  static String instanceId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "host";
    }
    String id = host + "-" + ManagementFactory.getRuntimeMXBean().getPid() + "-"
        + UUID.randomUUID().toString().substring(0, 8);
    return id.length() > 150 ? id.substring(id.length() - 150) : id;
  }

  /** Quartz borrows connections of the application's pool; it restores auto-commit before giving them back. */
  private record Pooled(DataSource dataSource) implements ConnectionProvider {
    @Override
    public Connection getConnection() throws SQLException {
      return dataSource.getConnection();
    }

    @Override
    public void shutdown() {
      // the pool belongs to the database and closes with it
    }

    @Override
    public void initialize() {
      // nothing to set up
    }
  }
}
