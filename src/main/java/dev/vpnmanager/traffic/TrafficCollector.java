package dev.vpnmanager.traffic;

import dev.vpnmanager.storage.StateStore;
import dev.vpnmanager.storage.Tx;
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
 * last values seen, and commit all deltas together with the new last values in ONE transaction. A crash
 * before the commit leaves the old last values, so the next cycle counts the same bytes once; after the commit
 * they are counted and the last values moved on. Nothing is lost and nothing is counted twice.
 */
@Singleton
public final class TrafficCollector {
  private static final Logger LOG = LoggerFactory.getLogger(TrafficCollector.class);
  private final Tx tx;
  private final Optional<CounterSources> sources;
  private final Clock clock;
  private final CounterEpochs epochs;
  private Runnable beforeCommit = () -> {};

  @Inject
  public TrafficCollector(Tx tx, Optional<CounterSources> sources, Clock clock) {
    this.tx = tx;
    this.sources = sources;
    this.clock = clock;
    this.epochs = new CounterEpochs(new StateStore(tx));
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
      TrafficStore store = new TrafficStore(txn.connection());
      int changed = 0;
      long bytes = 0;
      try {
        Map<String, Long> ids = readings.isEmpty() ? Map.of() : store.userIds();
        for (Reading r : readings) {
          Map<String, Long> last = epochs.restarted(txn, r) ? Map.of() : store.lastSeen(r.serverName());
          Map<String, Long> deltas = Deltas.of(last, r.totals());
          Map<String, Long> moved = new HashMap<>();
          r.totals().forEach((k, v) -> {
            if (v >= 0 && !v.equals(last.get(k))) {
              moved.put(k, v);
            }
          });
          store.saveCounters(r.serverName(), moved);
          store.addUsage(r.serverName(), day, deltas, ids);
          changed += deltas.size();
          bytes += deltas.values().stream().mapToLong(Long::longValue).sum();
        }
      } catch (SQLException e) {
        throw new IllegalStateException("traffic cycle failed: " + e.getMessage(), e);
      }
      beforeCommit.run();
      return new CycleResult(readings.size(), changed, bytes, List.of());
    });
  }

  /** Test seam: runs inside the cycle's transaction after every write and before the commit. */
  void beforeCommit(Runnable hook) {
    this.beforeCommit = hook;
  }
}
