package dev.vpnmanager.top;

import dev.vpnmanager.traffic.UsageQueries.ServerCounters;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-user rates from the traffic job's last-seen counters: each time a server's counters change between two
 * looks, every user's growth divided by the time between the two changes seen is their rate (the first change
 * counts over one traffic interval, as when it started is unknown). A user is online while the latest change
 * moved their bytes and that change is recent (within three traffic intervals): so "online" means "sent or
 * received traffic in the last counter cycle", not "connected".
 */
final class Rates {
  private final Duration interval;
  private final Map<String, Seen> last = new HashMap<>();
  private final Map<String, Double> rates = new HashMap<>();
  private final Map<String, Instant> movedAt = new HashMap<>();

  private record Seen(String epoch, Map<String, Long> values, Instant changedAt, boolean first) {}

  Rates(Duration interval) {
    this.interval = interval;
  }

  void observe(List<ServerCounters> counters, Instant now) {
    for (ServerCounters c : counters) {
      Seen before = last.get(c.server());
      if (before == null) {
        last.put(c.server(), new Seen(c.epoch(), c.values(), now, true));
        continue;
      }
      if (before.epoch().equals(c.epoch()) && before.values().equals(c.values())) {
        continue;
      }
      double seconds = before.first() ? interval.toMillis() / 1000.0
          : Math.max(0.001, Duration.between(before.changedAt(), now).toMillis() / 1000.0);
      for (Map.Entry<String, Long> e : c.values().entrySet()) {
        long prev = before.epoch().equals(c.epoch()) ? before.values().getOrDefault(e.getKey(), 0L) : 0L;
        long delta = e.getValue() - prev;
        if (delta < 0) {
          continue; // a counter that went back: a restart we did not see as a new epoch
        }
        rates.put(e.getKey(), delta / seconds);
        if (delta > 0) {
          movedAt.put(e.getKey(), now);
        }
      }
      last.put(c.server(), new Seen(c.epoch(), c.values(), now, false));
    }
  }

  /** Bytes per second, or -1 before a change of this user's server was seen. */
  double rate(String user, Instant now) {
    return online(user, now) ? rates.getOrDefault(user, -1.0) : rates.containsKey(user) ? 0 : -1;
  }

  boolean online(String user, Instant now) {
    Instant at = movedAt.get(user);
    return at != null && Duration.between(at, now).compareTo(interval.multipliedBy(3)) <= 0
        && rates.getOrDefault(user, 0.0) > 0;
  }
}
