package dev.vpnmanager.server.runtime;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Compensating steps of a half-done operation, run newest first; each failure is logged and skipped. */
final class Undo {
  private static final Logger LOG = LoggerFactory.getLogger(Undo.class);
  private final Deque<Step> steps = new ArrayDeque<>();

  interface Step {
    void run();
  }

  private record Named(String what, Step step) implements Step {
    @Override
    public void run() {
      step.run();
    }
  }

  void add(String what, Step step) {
    steps.push(new Named(what, step));
  }

  void runAll(Throwable cause) {
    while (!steps.isEmpty()) {
      Named s = (Named) steps.pop();
      try {
        s.run();
      } catch (RuntimeException e) {
        LOG.warn("rollback step '{}' failed after '{}': {}", s.what(), cause.getMessage(), e.getMessage());
        cause.addSuppressed(e);
      }
    }
  }
}
