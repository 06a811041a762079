package dev.vpnmanager.scheduling;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.inject.Inject;
import javax.inject.Singleton;

/** Runs, failures and time spent per job (by job name), for GET /metrics. In memory, since the process started. */
@Singleton
public final class JobStats {
  /** One job's figures; read without locking (each number is consistent on its own). */
  public static final class Figures {
    final AtomicLong runs = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    final AtomicLong nanos = new AtomicLong();
    volatile long lastNanos;

    public long runs() {
      return runs.get();
    }

    public long failures() {
      return failures.get();
    }

    public double seconds() {
      return nanos.get() / 1e9;
    }

    public double lastSeconds() {
      return lastNanos / 1e9;
    }
  }

  private final Map<String, Figures> byJob = new ConcurrentHashMap<>();

  @Inject
  public JobStats() {}

  void record(String job, long nanos, boolean failed) {
    Figures f = byJob.computeIfAbsent(job, k -> new Figures());
    f.runs.incrementAndGet();
    f.nanos.addAndGet(nanos);
    f.lastNanos = nanos;
    if (failed) {
      f.failures.incrementAndGet();
    }
  }

  public Map<String, Figures> snapshot() {
    return Map.copyOf(byJob);
  }
}
