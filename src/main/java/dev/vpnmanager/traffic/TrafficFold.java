package dev.vpnmanager.traffic;

import dev.vpnmanager.storage.Tx;
import io.ebean.annotation.Platform;
import java.sql.SQLException;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Folds the cycles' rows of traffic_log into the daily totals (daily_traffic), oldest first, in slices of at
 * most {@link #SLICE} rows, each in its own short write transaction. A cycle thus appends its bytes of the day
 * instead of updating one daily row per changed user, and the updates are paid once per fold for every cycle
 * since: at 100,000 users with a tenth changing per cycle, one fold per ten cycles. Readers see folded and
 * unfolded rows together (domain.DailyUsage), so a fold changes no figure. Run by the traffic job after its
 * cycle, when the log holds {@link #DUE} rows or more.
 */
@Singleton
public final class TrafficFold {
  /** Rows the log may hold before the traffic job folds it. */
  public static final int DUE = 100_000;
  /** Rows one fold transaction moves at most. */
  public static final int SLICE = 100_000;
  private final Tx tx;
  private final boolean postgres;
  private final int due;
  private final int slice;

  @Inject
  public TrafficFold(Tx tx) {
    this(tx, DUE, SLICE);
  }

  /** Other sizes, for tests that fold a few rows in several slices. */
  TrafficFold(Tx tx, int due, int slice) {
    if (due < 1 || slice < 1) {
      throw new IllegalArgumentException("due and slice must be at least 1");
    }
    this.tx = tx;
    this.postgres = tx.db().platform().base() == Platform.POSTGRES;
    this.due = due;
    this.slice = slice;
  }

  /** Folds if the log holds {@code due} rows or more ({@link #DUE}); returns the rows moved. */
  public int foldIfDue() {
    return foldFrom(due);
  }

  /** Folds every row the log holds now; returns the rows moved. */
  public int foldAll() {
    return foldFrom(1);
  }

  private int foldFrom(long from) {
    int moved = 0;
    while (true) {
      int n = tx.write(txn -> {
        TrafficStore store = new TrafficStore(txn.connection(), postgres);
        try {
          return store.pending() < from ? 0 : store.fold(slice);
        } catch (SQLException e) {
          throw new IllegalStateException("folding the traffic log failed: " + e.getMessage(), e);
        }
      });
      moved += n;
      if (n == 0) {
        return moved;
      }
    }
  }
}
