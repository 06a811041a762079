package dev.vpnmanager.traffic;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** A server's counters as the test sets them: absolute values per user, or a read failure. */
public final class FakeCounterSource implements CounterSource {
  private final String server;
  private final Map<String, Long> totals = new HashMap<>();
  private boolean failing;

  public FakeCounterSource(String server) {
    this.server = server;
  }

  public FakeCounterSource set(String user, long total) {
    totals.put(user, total);
    return this;
  }

  public FakeCounterSource add(String user, long bytes) {
    totals.merge(user, bytes, Long::sum);
    return this;
  }

  /** The core restarted: every counter starts from zero again. */
  public FakeCounterSource restart() {
    totals.clear();
    return this;
  }

  public FakeCounterSource failing(boolean f) {
    failing = f;
    return this;
  }

  @Override
  public String serverName() {
    return server;
  }

  @Override
  public Map<String, Long> read() throws IOException {
    if (failing) {
      throw new IOException("connection refused");
    }
    return Map.copyOf(totals);
  }
}
