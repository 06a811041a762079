package dev.vpnmanager.scheduling;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** Jobs that take a while and record when they ran and how many ran at once. */
final class ProbeJobs {
  final AtomicInteger running = new AtomicInteger();
  final AtomicInteger maxRunning = new AtomicInteger();
  final List<long[]> runs = new CopyOnWriteArrayList<>();
  final long sleepMs;

  ProbeJobs(long sleepMs) {
    this.sleepMs = sleepMs;
  }

  void run() {
    long start = System.nanoTime();
    maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
    try {
      Thread.sleep(sleepMs);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      running.decrementAndGet();
      runs.add(new long[] {start / 1_000_000, System.nanoTime() / 1_000_000});
    }
  }

  /** Like every job of ours: never two runs at once. */
  @DisallowConcurrentExecution
  static final class Exclusive implements Job {
    private final ProbeJobs probe;

    Exclusive(ProbeJobs probe) {
      this.probe = probe;
    }

    @Override
    public void execute(JobExecutionContext context) {
      probe.run();
    }
  }

  /** The control: the same job without the annotation does overlap. */
  static final class Overlapping implements Job {
    private final ProbeJobs probe;

    Overlapping(ProbeJobs probe) {
      this.probe = probe;
    }

    @Override
    public void execute(JobExecutionContext context) {
      probe.run();
    }
  }
}
