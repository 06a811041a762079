package dev.vpnmanager.scheduling;

import java.time.Duration;
import org.quartz.Job;

/** A job the daemon runs every {@code period}; feature modules contribute these into a Dagger set. */
public record JobSpec(String name, Class<? extends Job> type, Duration period) {
  public JobSpec {
    if (period.isZero() || period.isNegative()) {
      throw new IllegalArgumentException("period of job " + name + " must be positive");
    }
  }
}
