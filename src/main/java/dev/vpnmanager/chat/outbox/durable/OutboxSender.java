package dev.vpnmanager.chat.outbox.durable;

import dev.vpnmanager.chat.ChatTransport;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.chat.outbox.Failure;
import dev.vpnmanager.chat.outbox.Outbox;
import dev.vpnmanager.config.ConfigKeys;
import dev.vpnmanager.config.Settings;
import dev.vpnmanager.domain.AlertRecord;
import dev.vpnmanager.domain.OutboxMessage;
import dev.vpnmanager.domain.OutboxStatus;
import dev.vpnmanager.storage.Tx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.inject.Inject;
import javax.inject.Provider;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the stored messages of {@link OutboxStore} (in {@code serve}): takes due rows under a lease, hands each
 * to its platform's transport (whose rate-limited outbox sends it), records each platform call accepted, and
 * settles the row: sent; retried later through an outage (429, 5xx, network) with backoff, until
 * {@code outbox.give-up-after}; or a dead letter when the platform refused it for good. A row whose lease
 * expired (its sender was killed) is taken up again and resumes after its accepted calls; the lease is renewed
 * while the message is on its way, so two senders (two managers on one database) never send one row at once.
 * Sent rows are deleted after {@code outbox.retention}, dead letters (their {@code nextAttemptAt} is when they
 * died) after {@code outbox.dead-retention}.
 */
@Singleton
public final class OutboxSender implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);
  static final int MAX_IN_FLIGHT = 200;
  private static final Duration FIRST_RETRY = Duration.ofSeconds(10);
  private static final Duration MAX_RETRY = Duration.ofMinutes(5);

  private final Tx tx;
  private final Clock clock;
  private final Provider<Set<ChatTransport>> transports;
  private final Provider<Set<StoredContent>> contents;
  private final Duration retention;
  private final Duration deadRetention;
  private final Duration giveUpAfter;
  private final String owner;
  private final Map<Long, Boolean> inFlight = new ConcurrentHashMap<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition woken = lock.newCondition();
  private volatile Duration lease = Duration.ofSeconds(60);
  private boolean signalled;
  private volatile boolean running;
  private Thread loop;
  private Instant renewedAt = Instant.EPOCH;
  private Instant prunedAt = Instant.EPOCH;

  /** A sender for stored texts and files only (tests that wire it by hand). */
  public OutboxSender(Tx tx, Clock clock, Provider<Set<ChatTransport>> transports, Settings settings,
                      OutboxStore store, SecureRandom random) {
    this(tx, clock, transports, Set::of, settings, store, random);
  }

  @Inject
  public OutboxSender(Tx tx, Clock clock, Provider<Set<ChatTransport>> transports,
                      Provider<Set<StoredContent>> contents, Settings settings, OutboxStore store, SecureRandom random) {
    this.tx = tx;
    this.clock = clock;
    this.transports = transports;
    this.contents = contents;
    this.retention = settings.duration(ConfigKeys.OUTBOX_RETENTION);
    this.deadRetention = settings.duration(ConfigKeys.OUTBOX_DEAD_RETENTION);
    this.giveUpAfter = settings.duration(ConfigKeys.OUTBOX_GIVE_UP_AFTER);
    byte[] id = new byte[8];
    random.nextBytes(id);
    this.owner = HexFormat.of().formatHex(id);
    store.onStored(this::wake);
  }

  /** How long a taken row stays this sender's without renewal (tests shorten it). */
  public void lease(Duration lease) {
    this.lease = lease;
  }

  /** Starts sending in the background. */
  public synchronized void start() {
    if (loop == null) {
      running = true;
      loop = new Thread(this::run, "outbox-sender");
      loop.setDaemon(true);
      loop.start();
    }
  }

  public void wake() {
    lock.lock();
    try {
      signalled = true;
      woken.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Stored messages handed to a transport and not settled yet. */
  public int inFlight() {
    return inFlight.size();
  }

  private void run() {
    while (running) {
      int handed = 0;
      try {
        housekeeping();
        handed = runOnce();
      } catch (RuntimeException e) {
        LOG.warn("outbox: {}", e.toString());
      }
      if (handed == 0) {
        lock.lock();
        try {
          if (!signalled && running) {
            woken.await(1, TimeUnit.SECONDS);
          }
          signalled = false;
        } catch (InterruptedException e) {
          return;
        } finally {
          lock.unlock();
        }
      }
    }
  }

  /** Takes the due rows (as many as fit in flight) and hands them out; returns how many. */
  public int runOnce() {
    int room = MAX_IN_FLIGHT - inFlight.size();
    if (room <= 0) {
      return 0;
    }
    Instant now = clock.instant();
    List<OutboxMessage> due = tx.db().find(OutboxMessage.class).where().eq("status", OutboxStatus.PENDING)
        .le("nextAttemptAt", now).or().isNull("leaseUntil").lt("leaseUntil", now).endOr()
        .orderBy("id").setMaxRows(room).findList();
    int handed = 0;
    for (OutboxMessage m : due) {
      if (inFlight.containsKey(m.getId()) || !claim(m.getId(), now)) {
        continue;
      }
      inFlight.put(m.getId(), Boolean.TRUE);
      handed++;
      hand(m);
    }
    return handed;
  }

  private boolean claim(long id, Instant now) {
    return tx.write(txn -> tx.db().update(OutboxMessage.class).set("leaseUntil", now.plus(lease))
        .set("leaseOwner", owner).where().idEq(id).eq("status", OutboxStatus.PENDING)
        .or().isNull("leaseUntil").lt("leaseUntil", now).endOr().usingTransaction(txn).update()) == 1;
  }

  private void hand(OutboxMessage m) {
    ChatTransport t = transports.get().stream().filter(x -> x.platform().code().equals(m.getPlatform()))
        .findFirst().orElse(null);
    if (t == null) {
      dead(m, "no " + m.getPlatform() + " transport is configured");
      return;
    }
    Reply reply;
    StoredContent content = contents.get().stream().filter(c -> c.kind().equals(m.getKind())).findFirst()
        .orElse(null);
    if (content != null) {
      try {
        reply = content.render(m);
      } catch (RuntimeException e) {
        dead(m, "cannot make the " + m.getKind() + " message: " + e.getMessage());
        return;
      }
    } else if (m.getFilePath() != null) {
      Path file = Path.of(m.getFilePath());
      try {
        reply = new Reply(List.of(new Reply.Document(Files.readAllBytes(file), file.getFileName().toString(),
            m.getText())));
      } catch (IOException e) {
        dead(m, "cannot read " + file + ": " + e.getClass().getSimpleName());
        return;
      }
    } else {
      reply = Reply.text(m.getText() == null ? "" : m.getText());
    }
    Outbox.Listener listener = new Outbox.Listener() {
      @Override
      public void accepted(int step) {
        settle(m, () -> tx.db().update(OutboxMessage.class).set("progress", step + 1).where().idEq(m.getId())
            .update(), false);
      }

      @Override
      public void finished(Failure failure, Exception cause) {
        if (failure == null) {
          settle(m, () -> sent(m), true);
        } else {
          String reason = t.describe(cause);
          settle(m, () -> failed(m, failure, reason), true);
        }
      }
    };
    try {
      t.deliver(new ChatTransport.Outgoing(m.getTarget(), m.isPerson(), reply, m.getProgress(), key(m)), listener);
    } catch (RuntimeException e) {
      listener.finished(Failure.transientError(), e);
    }
  }

  /** The message's own id for idempotent platforms: the same on every attempt, in every process. */
  static String key(OutboxMessage m) {
    return "vpnm-o" + m.getId() + "-" + Long.toString(m.getCreatedAt().toEpochMilli(), 36);
  }

  private void settle(OutboxMessage m, Runnable write, boolean last) {
    try {
      write.run();
    } catch (RuntimeException e) {
      LOG.warn("outbox: could not record the state of message {}: {}", m.getId(), e.toString());
    } finally {
      if (last) {
        inFlight.remove(m.getId());
        wake();
      }
    }
  }

  private void sent(OutboxMessage m) {
    Instant now = clock.instant();
    tx.run(txn -> {
      tx.db().update(OutboxMessage.class).set("status", OutboxStatus.SENT).set("sentAt", now)
          .setNull("leaseUntil").setNull("leaseOwner").setNull("lastError").where().idEq(m.getId())
          .usingTransaction(txn).update();
      String ref = m.getRef();
      boolean alert = OutboxStore.ALERT.equals(m.getKind()) || OutboxStore.WARNING.equals(m.getKind());
      if (alert && ref != null && !tx.db().find(OutboxMessage.class).usingTransaction(txn).where().eq("ref", ref)
          .ne("status", OutboxStatus.SENT).exists()) {
        tx.db().update(AlertRecord.class).set("sentAt", now).where().eq("alertKey", ref).isNull("sentAt")
            .usingTransaction(txn).update();
      }
    });
  }

  private void failed(OutboxMessage m, Failure failure, String reason) {
    Instant now = clock.instant();
    int attempts = m.getAttempts() + 1;
    if (failure.kind() == Failure.Kind.PERMANENT) {
      dead(m, reason);
      return;
    }
    if (m.getCreatedAt().plus(giveUpAfter).isBefore(now)) {
      dead(m, "gave up after " + attempts + " attempts: " + reason);
      return;
    }
    long backoffMs = Math.min(MAX_RETRY.toMillis(), FIRST_RETRY.toMillis() << Math.min(attempts - 1, 16));
    Duration wait = Duration.ofMillis(backoffMs);
    if (failure.retryAfter() != null && failure.retryAfter().compareTo(wait) > 0) {
      wait = failure.retryAfter();
    }
    Instant next = now.plus(wait);
    tx.run(txn -> tx.db().update(OutboxMessage.class).set("attempts", attempts).set("nextAttemptAt", next)
        .set("lastError", cut(reason)).setNull("leaseUntil").setNull("leaseOwner").where().idEq(m.getId())
        .usingTransaction(txn).update());
    LOG.info("outbox: message {} ({} on {}) not sent yet ({}); next attempt in {} s", m.getId(), m.getKind(),
        m.getPlatform(), reason, wait.toSeconds());
  }

  private void dead(OutboxMessage m, String reason) {
    tx.run(txn -> tx.db().update(OutboxMessage.class).set("status", OutboxStatus.DEAD)
        .set("lastError", cut(reason)).set("nextAttemptAt", clock.instant()).setNull("leaseUntil").setNull("leaseOwner").where().idEq(m.getId())
        .usingTransaction(txn).update());
    inFlight.remove(m.getId());
    LOG.warn("outbox: message {} ({} to {} on {}) is a dead letter: {}", m.getId(), m.getKind(), m.getTarget(),
        m.getPlatform(), reason);
  }

  private static String cut(String s) {
    return s == null ? null : s.length() <= 500 ? s : s.substring(0, 500);
  }

  /** Renews the leases of the rows on their way, and deletes old sent rows and dead letters. */
  private void housekeeping() {
    Instant now = clock.instant();
    if (Duration.between(renewedAt, now).compareTo(lease.dividedBy(3)) >= 0) {
      renewedAt = now;
      List<Long> ids = new ArrayList<>(inFlight.keySet());
      for (int i = 0; i < ids.size(); i += 500) {
        List<Long> chunk = ids.subList(i, Math.min(ids.size(), i + 500));
        tx.run(txn -> tx.db().update(OutboxMessage.class).set("leaseUntil", now.plus(lease)).where()
            .idIn(chunk).eq("leaseOwner", owner).usingTransaction(txn).update());
      }
    }
    if (Duration.between(prunedAt, now).compareTo(Duration.ofHours(1)) >= 0) {
      prunedAt = now;
      prune(now);
    }
  }

  /** Deletes sent rows past the retention and dead letters past theirs; returns how many. */
  public int prune(Instant now) {
    return tx.write(txn -> tx.db().find(OutboxMessage.class).usingTransaction(txn).where()
        .eq("status", OutboxStatus.SENT).lt("sentAt", now.minus(retention)).delete()
        + tx.db().find(OutboxMessage.class).usingTransaction(txn).where()
        .eq("status", OutboxStatus.DEAD).lt("nextAttemptAt", now.minus(deadRetention)).delete());
  }

  /** Stops taking rows. Rows on their way keep their lease until {@link #release()} (after the transports closed). */
  public void stop() {
    Thread t;
    synchronized (this) {
      running = false;
      t = loop;
      loop = null;
    }
    wake();
    if (t != null) {
      try {
        t.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Gives up this sender's leases, so the next start takes the unsettled rows up at once. */
  public void release() {
    try {
      tx.run(txn -> tx.db().update(OutboxMessage.class).setNull("leaseUntil").setNull("leaseOwner").where()
          .eq("leaseOwner", owner).eq("status", OutboxStatus.PENDING).usingTransaction(txn).update());
    } catch (RuntimeException e) {
      LOG.warn("outbox: could not release the leases: {}", e.toString());
    }
    inFlight.clear();
  }

  /**
   * Frees the leases of every other sender, so that rows a killed process had on their way go out at once instead
   * of after their lease. Only for a sender known to be the only one (SQLite: serve holds the serve lock).
   * Returns how many rows were freed.
   */
  public int takeOverLeases() {
    return tx.write(txn -> tx.db().update(OutboxMessage.class).setNull("leaseUntil").setNull("leaseOwner").where()
        .eq("status", OutboxStatus.PENDING).isNotNull("leaseOwner").ne("leaseOwner", owner).usingTransaction(txn)
        .update());
  }

  @Override
  public void close() {
    stop();
    release();
  }
}
