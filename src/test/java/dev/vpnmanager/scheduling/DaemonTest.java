package dev.vpnmanager.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import javax.inject.Provider;
import org.junit.jupiter.api.Test;
import org.quartz.Job;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;

class DaemonTest {
  static Daemon daemon(String name, Class<? extends Job> type, Duration period, Provider<Job> job) {
    return new Daemon(Set.of(new JobSpec(name, type, period)), new DaggerJobFactory(Map.of(type, job)));
  }

  @Test
  void aJobNeverOverlapsItselfWhileTheControlDoes() throws Exception {
    ProbeJobs exclusive = new ProbeJobs(300);
    ProbeJobs control = new ProbeJobs(300);
    Daemon a = daemon("exclusive", ProbeJobs.Exclusive.class, Duration.ofMillis(50),
        () -> new ProbeJobs.Exclusive(exclusive));
    Daemon b = daemon("control", ProbeJobs.Overlapping.class, Duration.ofMillis(50),
        () -> new ProbeJobs.Overlapping(control));
    a.start();
    b.start();
    Thread.sleep(2_000);
    a.stop();
    b.stop();
    assertFalse(a.running());
    assertEquals(0, exclusive.running.get(), "stop waited for the running job");
    assertTrue(exclusive.runs.size() >= 2, "ran " + exclusive.runs.size());
    assertEquals(1, exclusive.maxRunning.get());
    assertTrue(control.maxRunning.get() > 1, "without @DisallowConcurrentExecution runs overlap");
  }

  @Test
  void aRunMissedByMoreThanTheThresholdIsSkippedNotMadeUp() throws Exception {
    // period 1 s, each run 2.3 s: the run due at +1 s is 1.3 s late when the slot frees up, past the 1 s
    // threshold, so it is dropped and the next run starts at the next regular slot (+3 s), not at once.
    ProbeJobs slow = new ProbeJobs(2_300);
    Daemon d = daemon("slow", ProbeJobs.Exclusive.class, Duration.ofSeconds(1), () -> new ProbeJobs.Exclusive(slow));
    d.start();
    long deadline = System.currentTimeMillis() + 8_000;
    while (slow.runs.size() < 2 && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    d.stop();
    assertTrue(slow.runs.size() >= 2, "ran " + slow.runs.size());
    long[] first = slow.runs.get(0);
    long[] second = slow.runs.get(1);
    long gap = second[0] - first[1];
    assertTrue(gap >= 400 && gap <= 1_200, "waited for the next slot, gap " + gap + " ms");
    assertEquals(3_000, second[0] - first[0], 250, "started on the period grid");
  }

  @Test
  void triggersUseTheSkipMisfirePolicy() {
    Date longAgo = new Date(System.currentTimeMillis() - 60_000);
    SimpleTrigger t = Triggers.every("t", Duration.ofSeconds(10), longAgo);
    assertEquals(SimpleTrigger.MISFIRE_INSTRUCTION_RESCHEDULE_NEXT_WITH_REMAINING_COUNT, t.getMisfireInstruction());
    ((org.quartz.spi.OperableTrigger) t).computeFirstFireTime(null);
    ((org.quartz.spi.OperableTrigger) t).updateAfterMisfire(null);
    assertTrue(t.getNextFireTime().getTime() >= System.currentTimeMillis() - 100,
        "the missed runs of the last minute are not replayed");
    assertTrue(t.getMisfireInstruction() != Trigger.MISFIRE_INSTRUCTION_IGNORE_MISFIRE_POLICY);
  }
}
