package dev.vpnmanager.traffic;

import javax.inject.Inject;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * Every traffic-interval: one collection cycle over the running servers, then, when the cycles' log of daily
 * bytes has grown enough, a fold of it into the daily totals (its own transactions, after the cycle's commit).
 */
@DisallowConcurrentExecution
public final class TrafficJob implements Job {
  private final TrafficCollector collector;
  private final TrafficFold fold;

  @Inject
  public TrafficJob(TrafficCollector collector, TrafficFold fold) {
    this.collector = collector;
    this.fold = fold;
  }

  @Override
  public void execute(JobExecutionContext context) {
    collector.collect();
    fold.foldIfDue();
  }
}
