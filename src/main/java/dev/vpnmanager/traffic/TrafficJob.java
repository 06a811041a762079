package dev.vpnmanager.traffic;

import javax.inject.Inject;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** Every traffic-interval: one collection cycle over the running servers. */
@DisallowConcurrentExecution
public final class TrafficJob implements Job {
  private final TrafficCollector collector;

  @Inject
  public TrafficJob(TrafficCollector collector) {
    this.collector = collector;
  }

  @Override
  public void execute(JobExecutionContext context) {
    collector.collect();
  }
}
