package dev.vpnmanager.storage;

import dev.vpnmanager.common.ConflictException;
import io.ebean.Database;
import io.ebean.DuplicateKeyException;
import io.ebean.Transaction;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.util.function.Function;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The one write path: every change runs here in one transaction that commits whole or not at all.
 * On SQLite each transaction begins IMMEDIATE, so writers queue on the busy timeout instead of failing;
 * constraint violations come back as {@link ConflictException} on every platform.
 */
@Singleton
public final class Tx {
  private final Database db;

  @Inject
  public Tx(Database db) {
    this.db = db;
  }

  public Database db() {
    return db;
  }

  public <T> T write(Function<Transaction, T> work) {
    try (Transaction txn = db.beginTransaction()) {
      T result = work.apply(txn);
      txn.commit();
      return result;
    } catch (DuplicateKeyException e) {
      throw new ConflictException("already exists: " + DatabaseBuilder.rootMessage(e));
    } catch (PersistenceException e) {
      if (isConstraintViolation(e)) {
        throw new ConflictException("already exists: " + DatabaseBuilder.rootMessage(e));
      }
      throw e;
    }
  }

  public void run(java.util.function.Consumer<Transaction> work) {
    write(txn -> {
      work.accept(txn);
      return null;
    });
  }

  /** SQLite reports constraint errors with result code 19 (and extended codes ending in 19), no SQL state. */
  static boolean isConstraintViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        if ((sql.getErrorCode() & 0xff) == 19 || "23505".equals(sql.getSQLState())) {
          return true;
        }
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
