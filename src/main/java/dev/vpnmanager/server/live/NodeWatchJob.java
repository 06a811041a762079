package dev.vpnmanager.server.live;

import javax.inject.Inject;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** Every enforce-interval: is each remote node's engine answering (alerts once per outage, heals on return). */
@DisallowConcurrentExecution
public final class NodeWatchJob implements Job {
  private final NodeOutages outages;

  @Inject
  public NodeWatchJob(NodeOutages outages) {
    this.outages = outages;
  }

  @Override
  public void execute(JobExecutionContext context) {
    outages.check();
  }
}
