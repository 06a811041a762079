package dev.vpnmanager.traffic;

import dev.vpnmanager.storage.Tx;
import io.ebean.annotation.Platform;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One traffic cycle: read the absolute counters of every running server, turn them into deltas against the
 * last values seen, and commit all deltas together with the new last values in ONE transaction: per server one
 * snapshot row of last values, one UPDATE of used bytes and one upsert of daily totals (see TrafficStore). A crash
 * before the commit leaves the old last values, so the next cycle counts the same bytes once; after the commit
 * they are counted and the last values moved on. Nothing is lost and nothing is counted twice.
 */
@Singleton
public final class TrafficCollector {
  private static final Logger LOG = LoggerFactory.getLogger(TrafficCollector.class);
  private final Tx tx;
  private final Optional<CounterSources> sources;
  private final Clock clock;
  private final boolean postgres;
  private final UserOrder order = new UserOrder();
  private Runnable beforeCommit = () -> {};

  @Inject
  public TrafficCollector(Tx tx, Optional<CounterSources> sources, Clock clock) {
    this.tx = tx;
    this.sources = sources;
    this.clock = clock;
    this.postgres = tx.db().platform().base() == Platform.POSTGRES;
  }

  /** A cycle over the servers that run now. */
  public CycleResult collect() {
    return collect(sources.map(CounterSources::current).orElse(List.of()));
  }

  /** A cycle over the given sources; a source that fails to read is skipped and caught up next cycle. */
  public CycleResult collect(List<CounterSource> from) {
    List<Reading> readings = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (CounterSource s : from) {
      try {
        readings.add(new Reading(s.serverName(), s.read(), s.epoch()));
      } catch (IOException | RuntimeException e) {
        LOG.warn("cannot read traffic counters of server {}: {}", s.serverName(), e.toString());
        failed.add(s.serverName());
      }
    }
    CycleResult r = commit(readings);
    return new CycleResult(r.servers(), r.changed(), r.bytes(), failed);
  }

  /** Writes the deltas of these readings and the new last values in one transaction. */
  public CycleResult commit(List<Reading> readings) {
    LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    return tx.write(txn -> {
      TrafficStore store = new TrafficStore(txn.connection(), postgres);
      int changed = 0;
      long bytes = 0;
      try {
        for (Reading r : readings) {
          LastSeen before = store.lastSeen(r.serverName()).orElse(LastSeen.NONE);
          Step step = step(before, r);
          if (step.write()) {
            store.save(r.serverName(), step.next());
          }
          store.addUsage(r.serverName(), day, order.sorted(step.deltas(), store::userIds));
          changed += step.deltas().size();
          bytes += step.bytes();
        }
      } catch (SQLException e) {
        throw new IllegalStateException("traffic cycle failed: " + e.getMessage(), e);
      }
      beforeCommit.run();
      return new CycleResult(readings.size(), changed, bytes, List.of());
    });
  }

  /**
   * What one reading adds to the last values seen: a new epoch (the container restarted) counts every counter
   * from zero; a counter below its last value means the core restarted unnoticed, so its whole value is
   * traffic. Counters missing from the reading keep their last value (a core may report only active users).
   */
  static Step step(LastSeen before, Reading r) {
    boolean restarted = !r.epoch().isEmpty() && !before.epoch().isEmpty() && !before.epoch().equals(r.epoch());
    Map<String, Long> last = restarted ? Map.of() : before.values();
    Map<String, Long> next = restarted || before == LastSeen.NONE ? new HashMap<>() : before.values();
    Map<String, Long> deltas = new HashMap<>();
    long bytes = 0;
    int moved = 0;
    for (Map.Entry<String, Long> e : r.totals().entrySet()) {
      long value = e.getValue();
      String key = e.getKey();
      if (value < 0 || !LastSeen.keepable(key)) {
        continue;
      }
      Long seen = last.get(key);
      if (seen != null && seen == value) {
        continue;
      }
      long delta = seen == null || value < seen ? value : value - seen;
      if (delta > 0) {
        deltas.put(key, delta);
        bytes += delta;
      }
      next.put(key, value);
      moved++;
    }
    String epoch = r.epoch().isEmpty() ? before.epoch() : r.epoch();
    boolean write = moved > 0 || restarted || !epoch.equals(before.epoch());
    return new Step(new LastSeen(epoch, next), deltas, bytes, write);
  }

  record Step(LastSeen next, Map<String, Long> deltas, long bytes, boolean write) {}

  /** Test seam: runs inside the cycle's transaction after every write and before the commit. */
  void beforeCommit(Runnable hook) {
    this.beforeCommit = hook;
  }
}
