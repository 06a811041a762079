package dev.vpnmanager.alert;

import dev.vpnmanager.scheduling.DailyGate;
import javax.inject.Inject;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** Ticks every few minutes; once a day after daily-at, sends the admins' digest. */
@DisallowConcurrentExecution
public final class DigestJob implements Job {
  private final DailyGate gate;
  private final DailyDigest digest;

  @Inject
  public DigestJob(DailyGate gate, DailyDigest digest) {
    this.gate = gate;
    this.digest = digest;
  }

  @Override
  public void execute(JobExecutionContext context) {
    gate.due("digest").ifPresent(day -> {
      digest.send(day);
      gate.done("digest", day);
    });
  }
}
