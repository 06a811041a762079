package dev.vpnmanager.alert;

import javax.inject.Inject;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** Every enforce-interval: container state and resources of every server. */
@DisallowConcurrentExecution
public final class HealthJob implements Job {
  private final HealthWatch watch;

  @Inject
  public HealthJob(HealthWatch watch) {
    this.watch = watch;
  }

  @Override
  public void execute(JobExecutionContext context) {
    watch.check();
  }
}
