package dev.vpnmanager.storage;

import dev.vpnmanager.domain.query.QStateEntry;
import dev.vpnmanager.domain.StateEntry;
import io.ebean.Transaction;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The one place that reads and writes state rows (small durable key-value pairs: sync tokens, schedule
 * state, broadcast drafts, counter epochs, chat languages). Each call runs in its own short transaction, or
 * in the caller's when one is given.
 */
@Singleton
public final class StateStore {
  private final Tx tx;

  @Inject
  public StateStore(Tx tx) {
    this.tx = tx;
  }

  public Optional<String> get(String key) {
    return new QStateEntry(tx.db()).key.eq(key).findOneOrEmpty().map(StateEntry::getValue);
  }

  public Optional<String> get(Transaction txn, String key) {
    return Optional.ofNullable(find(txn, key)).map(StateEntry::getValue);
  }

  public void put(String key, String value) {
    tx.run(txn -> put(txn, key, value));
  }

  /** Sets the value and returns the one it replaces, if any. */
  public Optional<String> put(Transaction txn, String key, String value) {
    StateEntry e = find(txn, key);
    if (e == null) {
      e = new StateEntry();
      e.setKey(key);
      e.setValue(value);
      tx.db().insert(e, txn);
      return Optional.empty();
    }
    String old = e.getValue();
    if (java.util.Objects.equals(old, value)) {
      return Optional.ofNullable(old);
    }
    e.setValue(value);
    tx.db().update(e, txn);
    return Optional.ofNullable(old);
  }

  /**
   * Sets the value in a transaction of its own if the current one (empty: no row) passes {@code allowed}.
   * False when it does not, when the value is the current one already, or when another process wrote the row in
   * between: of several instances trying at once, exactly one gets true. The row is read once and written against
   * what was read (its version, or its absence and the unique key): reading it again before the write would see a
   * competitor's committed row under PostgreSQL's read committed, and both would win.
   */
  public boolean compareAndPut(String key, java.util.function.Predicate<Optional<String>> allowed, String value) {
    try {
      return tx.write(txn -> {
        StateEntry e = find(txn, key);
        Optional<String> current = Optional.ofNullable(e).map(StateEntry::getValue);
        if (!allowed.test(current) || current.filter(value::equals).isPresent()) {
          return false;
        }
        if (e == null) {
          e = new StateEntry();
          e.setKey(key);
          e.setValue(value);
          tx.db().insert(e, txn);
        } else {
          e.setValue(value);
          tx.db().update(e, txn); // where version = the one read: 0 rows if another won
        }
        return true;
      });
    } catch (dev.vpnmanager.common.ConflictException | jakarta.persistence.OptimisticLockException e) {
      return false;
    }
  }

  public void remove(String key) {
    tx.run(txn -> remove(txn, key));
  }

  public void remove(Transaction txn, String key) {
    new QStateEntry(tx.db()).usingTransaction(txn).key.eq(key).delete();
  }

  /** Deletes the rows whose key starts with {@code prefix} made before {@code before}; returns how many. */
  public int removeOlder(String prefix, java.time.Instant before) {
    return tx.write(txn -> new QStateEntry(tx.db()).usingTransaction(txn).key.startsWith(prefix)
        .createdAt.lt(before).delete());
  }

  /** Reads and deletes the row in the caller's transaction: the value can be taken once. */
  public Optional<String> take(Transaction txn, String key) {
    StateEntry e = find(txn, key);
    if (e == null) {
      return Optional.empty();
    }
    String value = e.getValue();
    tx.db().delete(e, txn);
    return Optional.ofNullable(value);
  }

  /** Every row whose key starts with {@code prefix}: key -> value, in key order. */
  public java.util.SortedMap<String, String> withPrefix(String prefix) {
    java.util.SortedMap<String, String> out = new java.util.TreeMap<>();
    new QStateEntry(tx.db()).key.startsWith(prefix).findList().forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  private StateEntry find(Transaction txn, String key) {
    return new QStateEntry(tx.db()).usingTransaction(txn).key.eq(key).findOne();
  }
}
