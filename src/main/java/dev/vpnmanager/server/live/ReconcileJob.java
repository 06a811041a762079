package dev.vpnmanager.server.live;

import javax.inject.Inject;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** Reconciles running servers with the database: first a second after the daemon starts, then every interval. */
@DisallowConcurrentExecution
public final class ReconcileJob implements Job {
  private final Reconciler reconciler;

  @Inject
  public ReconcileJob(Reconciler reconciler) {
    this.reconciler = reconciler;
  }

  @Override
  public void execute(JobExecutionContext context) {
    reconciler.reconcile();
  }
}
