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

  public List<AuditEntry> recent(int limit) {
    return db.find(AuditEntry.class).orderBy().desc("id").setMaxRows(limit).findList();
  }
}
