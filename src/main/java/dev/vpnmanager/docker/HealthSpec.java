package dev.vpnmanager.docker;

import java.time.Duration;
import java.util.List;

/** A health check run inside the container ({@code command} runs without a shell, as CMD). */
public record HealthSpec(List<String> command, Duration interval, Duration timeout, int retries,
                         Duration startPeriod) {
  public HealthSpec {
    command = List.copyOf(command);
  }

  /** A check every {@code interval}, 3 s timeout, 3 retries, 5 s start period. */
  public static HealthSpec every(Duration interval, String... command) {
    return new HealthSpec(List.of(command), interval, Duration.ofSeconds(3), 3, Duration.ofSeconds(5));
  }
}
