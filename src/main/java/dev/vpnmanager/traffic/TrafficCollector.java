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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One traffic cycle: read the absolute counters of every running server, turn them into deltas against the
 * last values seen, and commit all deltas together with the new last values in ONE transaction: per server the
 * moved last values (a patch of the snapshot row, or the whole row now and then), one append of the day's bytes
 * to traffic_log and one upsert of used bytes (see TrafficStore; TrafficFold folds the log later). A crash
 * before the commit leaves the old last values, so the next cycle counts the same bytes once; after the commit
 * they are counted and the last values moved on. Nothing is lost and nothing is counted twice.
 *
 * <p>Between cycles each server's counters stay in a {@link CounterTable}: the last values as committed, and the
 * names' slots, so a cycle compares arrays instead of building maps. The table is trusted only while the
 * server's snapshot row has the generation the table last wrote (checked in the cycle's transaction); otherwise,
 * and after any failed cycle, the row is read again.
 *
 * <p>The servers are read in parallel, at most {@link #READERS} at a time, on daemon threads that end after
 * {@link #IDLE_SECONDS} idle (nothing to shut down); the deltas are then written in the order of the sources, so a
 * cycle's writes do not depend on which read finished first. A source that fails is skipped as before. The reads
 * need no transaction of the caller: a cycle started inside one reads on the calling thread.
 */
@Singleton
public final class TrafficCollector {
  private static final Logger LOG = LoggerFactory.getLogger(TrafficCollector.class);
  private final Tx tx;
  private final Optional<CounterSources> sources;
  private final Clock clock;
  private final boolean postgres;
  private final Map<String, CounterTable> tables = new HashMap<>();
  /**
   * A cycle writes the counters it moved as a patch, and the server's whole snapshot row again only when its
   * patches would hold more than this many times the row's lines, or {@link #PATCH_ROWS} patches: at 100,000
   * users with a tenth changing, one whole row (about 1.4 MB) per 40 cycles instead of one per cycle.
   */
  static final int PATCH_LINES = 4;
  static final int PATCH_ROWS = 256;
  /** Names per query when a cycle looks up the user ids of names it has not seen before. */
  static final int ID_CHUNK = 5_000;
  /** Users per append to the log (and upsert of used bytes): one statement each, in the cycle's transaction. */
  static final int USAGE_CHUNK = 20_000;
  /** How many servers are read at the same time, at most. */
  public static final int READERS = 8;
  static final int IDLE_SECONDS = 30;
  private static final AtomicInteger THREADS = new AtomicInteger();
  private final int readers;
  private final ThreadPoolExecutor pool;
  private Runnable beforeCommit = () -> {};

  @Inject
  public TrafficCollector(Tx tx, Optional<CounterSources> sources, Clock clock) {
    this(tx, sources, clock, READERS);
  }

  /** With {@code readers} 1 the servers are read one after another on the calling thread (benchmarks compare). */
  public TrafficCollector(Tx tx, Optional<CounterSources> sources, Clock clock, int readers) {
    if (readers < 1) {
      throw new IllegalArgumentException("readers must be at least 1: " + readers);
    }
    this.tx = tx;
    this.sources = sources;
    this.clock = clock;
    this.postgres = tx.db().platform().base() == Platform.POSTGRES;
    this.readers = readers;
    // no thread until the first parallel read; each ends after IDLE_SECONDS without work
    this.pool = readers == 1 ? null : new ThreadPoolExecutor(0, readers, IDLE_SECONDS, TimeUnit.SECONDS,
        new SynchronousQueue<>(), r -> {
          Thread t = new Thread(r, "traffic-read-" + THREADS.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  /** A cycle over the servers that run now. */
  public CycleResult collect() {
    return collect(sources.map(CounterSources::current).orElse(List.of()));
  }

  /**
   * A cycle over the given sources, read in parallel; a source that fails to read is skipped and caught up next
   * cycle. The deltas are written in the order of {@code from}, in one transaction.
   */
  public synchronized CycleResult collect(List<CounterSource> from) {
    int n = from.size();
    CounterTable[] t = new CounterTable[n];
    for (int i = 0; i < n; i++) {
      t[i] = tables.computeIfAbsent(from.get(i).serverName(), k -> new CounterTable());
      t[i].begin();
    }
    Throwable[] failure = parallel(from, t) ? readInParallel(from, t) : readInTurn(from, t);
    List<Read> read = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      CounterSource s = from.get(i);
      if (failure[i] == null) {
        read.add(new Read(s.serverName(), s.epoch(), t[i]));
      } else {
        LOG.warn("cannot read traffic counters of server {}: {}", s.serverName(), failure[i].toString());
        failed.add(s.serverName());
        t[i].begin(); // what it read before failing counts nowhere
      }
    }
    CycleResult r = write(read);
    return new CycleResult(r.servers(), r.changed(), r.bytes(), failed);
  }

  /**
   * Parallel only for two sources or more, each with its own table (one server named twice shares a table), and
   * outside a transaction of the caller: Ebean binds transactions to threads, so reads on other threads could not
   * see it (and on SQLite's single connection would wait for it).
   */
  private boolean parallel(List<CounterSource> from, CounterTable[] t) {
    if (pool == null || pool.isShutdown() || from.size() < 2 || tx.db().currentTransaction() != null) {
      return false;
    }
    return java.util.Arrays.stream(t).distinct().count() == t.length;
  }

  /** Each source's failure (IOException or RuntimeException), null where it read. */
  private static Throwable[] readInTurn(List<CounterSource> from, CounterTable[] t) {
    Throwable[] failure = new Throwable[from.size()];
    for (int i = 0; i < failure.length; i++) {
      try {
        from.get(i).read(t[i]);
      } catch (IOException | RuntimeException e) {
        failure[i] = e;
      }
    }
    return failure;
  }

  /**
   * min(sources, readers) workers take the next source until none is left. Waits for every worker even when
   * interrupted (a worker still filling a table would race the next cycle), then keeps the interrupt.
   */
  private Throwable[] readInParallel(List<CounterSource> from, CounterTable[] t) {
    Throwable[] failure = new Throwable[from.size()];
    AtomicInteger next = new AtomicInteger();
    List<Future<?>> workers = new ArrayList<>();
    for (int w = 0; w < Math.min(from.size(), readers); w++) {
      workers.add(pool.submit(() -> {
        for (int i = next.getAndIncrement(); i < failure.length; i = next.getAndIncrement()) {
          try {
            from.get(i).read(t[i]);
          } catch (IOException | RuntimeException e) {
            failure[i] = e;
          }
        }
      }));
    }
    boolean interrupted = false;
    Throwable error = null;
    for (Future<?> f : workers) {
      while (true) {
        try {
          f.get();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          error = e.getCause();
          break;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (error instanceof Error e) { // what the sources throw otherwise is caught in the workers
      throw e;
    } else if (error != null) {
      throw new IllegalStateException(error);
    }
    return failure;
  }

  /** Ends the reading threads now (they also end by themselves when idle). */
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  /** Writes the deltas of these readings and the new last values in one transaction. */
  public synchronized CycleResult commit(List<Reading> readings) {
    List<Read> read = new ArrayList<>();
    for (Reading r : readings) {
      CounterTable t = tables.computeIfAbsent(r.serverName(), k -> new CounterTable());
      t.begin();
      r.totals().forEach(t::add);
      read.add(new Read(r.serverName(), r.epoch(), t));
    }
    return write(read);
  }

  private record Read(String server, String epoch, CounterTable table) {
    Read {
      epoch = epoch == null ? "" : epoch;
    }
  }

  private CycleResult write(List<Read> read) {
    LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    try {
      return tx.write(txn -> {
        TrafficStore store = new TrafficStore(txn.connection(), postgres);
        int changed = 0;
        long bytes = 0;
        try {
          for (Read r : read) {
            Step step = step(store, r);
            // in slices, so a first cycle at 100,000 users (every user new) holds one slice's names and JSON at once
            for (int from = 0; from < step.changed(); from += USAGE_CHUNK) {
              int n = Math.min(USAGE_CHUNK, step.changed() - from);
              String[] names = new String[n];
              for (int i = 0; i < n; i++) {
                names[i] = r.table().name(step.slots()[from + i]);
              }
              store.addUsage(r.server(), day, names,
                  java.util.Arrays.copyOfRange(step.deltas(), from, from + n), n);
            }
            changed += step.changed();
            bytes += step.bytes();
          }
        } catch (SQLException e) {
          throw new IllegalStateException("traffic cycle failed: " + e.getMessage(), e);
        }
        beforeCommit.run();
        return new CycleResult(read.size(), changed, bytes, List.of());
      });
    } catch (RuntimeException e) {
      // the tables' last values may be ahead of what the database kept: read the rows again next time
      read.forEach(r -> r.table().generation = -1);
      throw e;
    }
  }

  /**
   * What one reading adds to the last values seen, written as the server's new snapshot row: a new epoch (the
   * container restarted) counts every counter from zero; a counter below its last value means the core
   * restarted unnoticed, so its whole value is traffic. Counters missing from the reading keep their last value
   * (a core may report only active users). Returns the deltas in the order of the users' ids: the upsert then
   * walks user_usage front to back (in a random order every row write touches another page, and at 100,000
   * users SQLite's page cache spills: three times slower).
   */
  private Step step(TrafficStore store, Read r) throws SQLException {
    CounterTable t = r.table();
    TrafficStore.Head head = store.head(r.server());
    long generation = head == null ? 0 : head.generation();
    if (t.generation != generation || !t.epoch.equals(head == null ? "" : head.epoch())) {
      t.clearLast();
      t.baseLines = 0;
      t.patchLines = 0;
      t.patchRows = 0;
      if (head != null) {
        TrafficStore.Stored stored = store.counters(r.server());
        t.baseLines = t.decode(stored.base());
        for (String p : stored.patches()) {
          t.patchLines += t.decode(p);
          t.patchRows++;
        }
      }
      t.epoch = head == null ? "" : head.epoch();
      t.generation = generation;
    }
    boolean restarted = !r.epoch().isEmpty() && !t.epoch.isEmpty() && !t.epoch.equals(r.epoch());
    long[] delta = new long[t.size()];
    int changed = 0;
    int moved = 0;
    long bytes = 0;
    int[] unknown = new int[t.size()];
    int u = 0;
    int[] movedSlots = new int[t.size()];
    for (int s = 0; s < t.size(); s++) {
      if (!t.reported(s)) {
        if (restarted) {
          t.last[s] = CounterTable.ABSENT;
        }
        continue;
      }
      long value = t.value(s);
      long seen = restarted ? CounterTable.ABSENT : t.last[s];
      if (seen == value) {
        continue;
      }
      long d = seen == CounterTable.ABSENT || value < seen ? value : value - seen;
      if (d > 0) {
        delta[s] = d;
        bytes += d;
        changed++;
        if (t.id(s) == 0) {
          unknown[u++] = s;
        }
      }
      t.last[s] = value;
      movedSlots[moved++] = s;
    }
    String epoch = r.epoch().isEmpty() ? t.epoch : r.epoch();
    if (moved > 0 || restarted || !epoch.equals(t.epoch)) {
      boolean whole = head == null || restarted || !epoch.equals(t.epoch)
          || t.patchLines + moved > PATCH_LINES * Math.max(t.baseLines, 1) || t.patchRows >= PATCH_ROWS;
      t.epoch = epoch;
      t.generation = generation + 1;
      if (whole) {
        store.save(r.server(), epoch, t.generation, t.encode());
        t.patchLines = 0;
        t.patchRows = 0;
      } else {
        store.patch(r.server(), t.generation, t.encode(movedSlots, moved));
        t.patchLines += moved;
        t.patchRows++;
      }
    }
    // the ids decide the order only: the writes join vpn_user by name, so a stale id costs no byte. Looked up
    // ID_CHUNK names at a time: a first cycle at 100,000 users would otherwise hold every name twice at once
    for (int from = 0; from < u; from += ID_CHUNK) {
      int to = Math.min(u, from + ID_CHUNK);
      List<String> names = new ArrayList<>(to - from);
      for (int i = from; i < to; i++) {
        names.add(t.name(unknown[i]));
      }
      Map<String, Long> ids = store.userIds(names);
      for (int i = from; i < to; i++) {
        t.id(unknown[i], ids.getOrDefault(names.get(i - from), CounterTable.NO_ID));
      }
    }
    int[] slots = new int[changed];
    long[] deltas = new long[changed];
    int n = 0;
    for (int s : t.order()) {
      if (delta[s] > 0) {
        slots[n] = s;
        deltas[n++] = delta[s];
      }
    }
    return new Step(slots, deltas, changed, bytes);
  }

  /** The changed slots in the order of their users' ids, and what each adds. */
  private record Step(int[] slots, long[] deltas, int changed, long bytes) {}

  /** Test seam: runs inside the cycle's transaction after every write and before the commit. */
  void beforeCommit(Runnable hook) {
    this.beforeCommit = hook;
  }
}
