package dev.vpnmanager.docker;

import java.time.Instant;
import java.util.Map;

/**
 * A container as the engine reports it. {@code status} is the engine's word (created, running, exited ...);
 * {@code health} is healthy, unhealthy, starting, or none when the container has no health check.
 */
public record ContainerState(String id, String name, String image, String status, boolean running,
                             String health, Instant startedAt, int restartCount, Integer exitCode,
                             Map<String, String> labels) {
  /** The server this container belongs to, from its label (null when unlabelled). */
  public String server() {
    return labels.get(Labels.SERVER);
  }

  /** One line for status output and doctor. */
  public String summary() {
    String h = "none".equals(health) ? "" : ", " + health;
    String exit = running || exitCode == null ? "" : ", exit code " + exitCode;
    return status + h + exit + (restartCount > 0 ? ", restarted " + restartCount + " times" : "");
  }
}
