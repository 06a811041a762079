package dev.vpnmanager.server.runtime;

import dev.vpnmanager.common.OperationFailedException;
import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.docker.ContainerState;
import java.time.Duration;

/** Waits until a started container runs (and is healthy when it has a health check), or says why not. */
final class ContainerWaiter {
  private static final Duration STABLE = Duration.ofMillis(300);

  private ContainerWaiter() {}

  static ContainerState awaitUp(ContainerRuntime runtime, String id, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long upSince = -1;
    while (true) {
      ContainerState s = runtime.inspect(id)
          .orElseThrow(() -> new OperationFailedException("container " + id + " vanished while starting"));
      long now = System.nanoTime();
      if (!s.running() && !"restarting".equals(s.status()) && !"created".equals(s.status())) {
        throw failed(runtime, id, s);
      }
      if ("unhealthy".equals(s.health()) || s.restartCount() > 0 || "restarting".equals(s.status())) {
        throw failed(runtime, id, s);
      }
      boolean up = s.running() && ("healthy".equals(s.health()) || "none".equals(s.health()));
      if (up && upSince < 0) {
        upSince = now;
      } else if (!up) {
        upSince = -1;
      }
      if (up && now - upSince >= STABLE.toNanos()) {
        return s;
      }
      if (now > deadline) {
        throw new OperationFailedException("container " + s.name() + " did not come up within "
            + timeout.toSeconds() + " s (" + s.summary() + ")");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new OperationFailedException("interrupted while waiting for container " + id, e);
      }
    }
  }

  private static OperationFailedException failed(ContainerRuntime runtime, String id, ContainerState s) {
    String logs = "";
    try {
      logs = runtime.logs(id, 5).strip().replace('\n', ' ');
    } catch (RuntimeException e) {
      // no logs to add
    }
    return new OperationFailedException("container " + s.name() + " is " + s.summary()
        + (logs.isEmpty() ? "" : "; last log lines: " + logs));
  }
}
