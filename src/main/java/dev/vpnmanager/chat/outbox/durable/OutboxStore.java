package dev.vpnmanager.chat.outbox.durable;

import dev.vpnmanager.chat.Platform;
import dev.vpnmanager.domain.OutboxMessage;
import dev.vpnmanager.domain.OutboxStatus;
import dev.vpnmanager.storage.Tx;
import io.ebean.Transaction;
import io.ebean.TransactionCallbackAdapter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The stored side of the outbox: messages are written in the caller's transaction (with the alert, the
 * broadcast or the backup they belong to), so they exist exactly when that change does; the sender is woken
 * once the transaction commits. Also what admins see: counts and dead letters.
 */
@Singleton
public final class OutboxStore {
  /** Kinds of stored messages. */
  public static final String ALERT = "alert";
  public static final String WARNING = "warning";
  public static final String BACKUP = "backup";
  public static final String BROADCAST = "broadcast";
  /**
   * A user's client config (link, QR code, file), made when it is sent by the {@link StoredContent} of this kind
   * (so it is the newest config and no key material waits in the table); {@code text} is the line saying why.
   */
  public static final String CONFIG = "config";

  private final Tx tx;
  private final Clock clock;
  private volatile Runnable onStored = () -> { };

  /** What the outbox holds: waiting, sent (within retention) and dead letters. */
  public record Counts(int pending, int sent, int dead, Instant oldestPending) {}

  @Inject
  public OutboxStore(Tx tx, Clock clock) {
    this.tx = tx;
    this.clock = clock;
  }

  /** A text message to a chat ({@code person}: to a person's private chat). Not stored yet. */
  public static OutboxMessage text(Platform platform, String target, boolean person, String kind, String ref,
                                   String text) {
    OutboxMessage m = new OutboxMessage();
    m.setPlatform(platform.code());
    m.setTarget(target);
    m.setPerson(person);
    m.setKind(kind);
    m.setRef(ref == null || ref.length() <= 200 ? ref : ref.substring(0, 200));
    m.setText(text);
    return m;
  }

  /** The reference of a {@link #CONFIG} message: the user whose config it is. */
  public static String configRef(String username) {
    return "config:" + username;
  }

  /** The user a {@link #CONFIG} message is for, from its reference. */
  public static Optional<String> configUser(String ref) {
    return ref != null && ref.startsWith("config:") ? Optional.of(ref.substring(7)) : Optional.empty();
  }

  /** A file (read when it is sent) with a caption. Not stored yet. */
  public static OutboxMessage file(Platform platform, String target, boolean person, String kind, String ref,
                                   String path, String caption) {
    OutboxMessage m = text(platform, target, person, kind, ref, caption);
    m.setFilePath(path);
    return m;
  }

  /** Stores the messages in the caller's transaction; the sender looks at them once it commits. */
  public void add(Transaction txn, List<OutboxMessage> messages) {
    if (messages.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    for (OutboxMessage m : messages) {
      m.setStatus(OutboxStatus.PENDING);
      m.setNextAttemptAt(now);
      m.setCreatedAt(now);
      tx.db().insert(m, txn);
    }
    Runnable wake = onStored;
    txn.register(new TransactionCallbackAdapter() {
      @Override
      public void postCommit() {
        wake.run();
      }
    });
  }

  /** Called after a transaction that stored messages commits (the sender's wake-up). */
  void onStored(Runnable wake) {
    this.onStored = wake;
  }

  public Counts counts() {
    var q = tx.db().find(OutboxMessage.class);
    int pending = q.where().eq("status", OutboxStatus.PENDING).findCount();
    int sent = tx.db().find(OutboxMessage.class).where().eq("status", OutboxStatus.SENT).findCount();
    int dead = tx.db().find(OutboxMessage.class).where().eq("status", OutboxStatus.DEAD).findCount();
    OutboxMessage oldest = tx.db().find(OutboxMessage.class).where().eq("status", OutboxStatus.PENDING)
        .orderBy("id").setMaxRows(1).findOne();
    return new Counts(pending, sent, dead, oldest == null ? null : oldest.getCreatedAt());
  }

  /** The newest dead letters first. */
  public List<OutboxMessage> deadLetters(int max) {
    return tx.db().find(OutboxMessage.class).where().eq("status", OutboxStatus.DEAD).orderBy("id desc")
        .setMaxRows(max).findList();
  }

  /** Messages still waiting, oldest first. */
  public List<OutboxMessage> pending(int max) {
    return tx.db().find(OutboxMessage.class).where().eq("status", OutboxStatus.PENDING).orderBy("id")
        .setMaxRows(max).findList();
  }

  /** Whether no message of this reference is still waiting (all sent, or some dead). */
  public boolean settled(String ref) {
    return !tx.db().find(OutboxMessage.class).where().eq("ref", ref).eq("status", OutboxStatus.PENDING).exists();
  }

  public boolean exists(Transaction txn, String ref) {
    return tx.db().find(OutboxMessage.class).usingTransaction(txn).where().eq("ref", ref).exists();
  }
}
