package dev.vpnmanager.storage;

import dev.vpnmanager.common.ConflictException;
import io.ebean.Database;
import io.ebean.DuplicateKeyException;
import io.ebean.Transaction;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
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

  /** A unique or primary key violation: SQLite's extended result codes (no SQL state), PostgreSQL's 23505. */
  static boolean isConstraintViolation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLiteException lite) {
        SQLiteErrorCode code = lite.getResultCode();
        if (code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE || code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY) {
          return true;
        }
      } else if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
