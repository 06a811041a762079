package dev.vpnmanager.server.live;

import dev.vpnmanager.server.runtime.InstallJournal;
import javax.inject.Inject;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * Undoes installs cut short by a dead process ({@link InstallJournal}), then reconciles running servers with the
 * database: first a second after the daemon starts, then every interval.
 */
@DisallowConcurrentExecution
public final class ReconcileJob implements Job {
  private final Reconciler reconciler;
  private final InstallJournal installs;

  @Inject
  public ReconcileJob(Reconciler reconciler, InstallJournal installs) {
    this.reconciler = reconciler;
    this.installs = installs;
  }

  @Override
  public void execute(JobExecutionContext context) {
    // installs whose process died before recording their server: their containers go first
    installs.recover();
    reconciler.reconcile();
  }
}
