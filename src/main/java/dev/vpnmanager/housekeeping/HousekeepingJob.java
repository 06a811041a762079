package dev.vpnmanager.housekeeping;

import javax.inject.Inject;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Prunes what only grows (see {@link Housekeeping}), every hour. */
@DisallowConcurrentExecution
public final class HousekeepingJob implements Job {
  private static final Logger LOG = LoggerFactory.getLogger(HousekeepingJob.class);
  private final Housekeeping housekeeping;

  @Inject
  public HousekeepingJob(Housekeeping housekeeping) {
    this.housekeeping = housekeeping;
  }

  @Override
  public void execute(JobExecutionContext context) {
    Housekeeping.Pruned p = housekeeping.prune();
    if (p.total() > 0) {
      LOG.info("housekeeping: deleted {} spent nonces, {} old invites, {} stale broadcast drafts", p.nonces(),
          p.invites(), p.drafts());
    }
  }
}
