package dev.vpnmanager.audit;

import dev.vpnmanager.domain.AuditEntry;
import io.ebean.Database;
import io.ebean.Transaction;
import java.time.Clock;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Singleton;

/** Appends audit entries inside the caller's transaction, so a change and its record commit together. */
@Singleton
public final class AuditLog {
  private final Database db;
  private final Clock clock;

  @Inject
  public AuditLog(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  public void record(Transaction txn, Actor actor, String action, String target, String detail) {
    AuditEntry e = new AuditEntry();
    e.setAt(clock.instant());
    e.setChannel(actor.channel().code());
    e.setActor(actor.id());
    e.setAction(action);
    e.setTarget(target);
    e.setDetail(detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 1000));
    db.insert(e, txn);
  }

  /** Records an entry in a transaction of its own (a read, which changes nothing else). */
  public void record(Actor actor, String action, String target, String detail) {
    try (Transaction txn = db.beginTransaction()) {
      record(txn, actor, action, target, detail);
      txn.commit();
    }
  }

  /**
   * Entries newest first, optionally only those about one user (target), by one actor ("cli", "telegram:100";
   * a bare channel name matches every actor of it) and at or after {@code since}; {@code offset} pages.
   */
  public List<AuditEntry> find(String target, String actor, java.time.Instant since, int offset, int limit) {
    var q = db.find(AuditEntry.class).where();
    if (target != null) {
      q.eq("target", target);
    }
    if (actor != null) {
      q.or().eq("actor", actor).eq("channel", actor).endOr();
    }
    if (since != null) {
      q.ge("at", since);
    }
    return q.orderBy().desc("id").setFirstRow(offset).setMaxRows(limit).findList();
  }

  public int count(String target) {
    var q = db.find(AuditEntry.class).where();
    if (target != null) {
      q.eq("target", target);
    }
    return q.findCount();
  }

  public List<AuditEntry> recent(int limit) {
    return db.find(AuditEntry.class).orderBy().desc("id").setMaxRows(limit).findList();
  }
}
