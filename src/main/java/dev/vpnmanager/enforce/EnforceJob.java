package dev.vpnmanager.enforce;

import dev.vpnmanager.notify.Alerts;
import javax.inject.Inject;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** Every enforce-interval: quota resets, then cut-offs, then warnings, then alerts a failure left pending. */
@DisallowConcurrentExecution
public final class EnforceJob implements Job {
  private final QuotaResets resets;
  private final Enforcer enforcer;
  private final Warnings warnings;
  private final Alerts alerts;

  @Inject
  public EnforceJob(QuotaResets resets, Enforcer enforcer, Warnings warnings, Alerts alerts) {
    this.resets = resets;
    this.enforcer = enforcer;
    this.warnings = warnings;
    this.alerts = alerts;
  }

  @Override
  public void execute(JobExecutionContext context) {
    resets.sweep();
    enforcer.sweep();
    warnings.sweep();
    alerts.flushPending();
  }
}
