package dev.vpnmanager.scheduling;

import java.time.Duration;
import java.util.Date;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
import org.quartz.TriggerBuilder;

/**
 * Every job repeats at a fixed period with the misfire policy "next with remaining count": a run that could
 * not start on time (the daemon was busy, suspended, or the previous run of the same job still ran) is
 * dropped, and the job runs next at its next regular time. Nothing is lost by skipping: traffic counters are
 * absolute and every sweep looks at the whole current state, so one later run does the work of the missed ones,
 * and a backlog never turns into a burst of back-to-back runs.
 */
public final class Triggers {
  /** How late a run may start before it counts as missed (Quartz's default is a full minute). */
  public static final long MISFIRE_THRESHOLD_MS = 1_000;

  private Triggers() {}

  public static SimpleTrigger every(String name, Duration period, Date firstRun) {
    return TriggerBuilder.newTrigger().withIdentity(name).startAt(firstRun)
        .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(period.toMillis())
            .repeatForever().withMisfireHandlingInstructionNextWithRemainingCount())
        .build();
  }
}
