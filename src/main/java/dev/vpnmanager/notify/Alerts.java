package dev.vpnmanager.notify;

import dev.vpnmanager.config.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vpnmanager.common.ConflictException;
import dev.vpnmanager.domain.AlertRecord;
import dev.vpnmanager.chat.outbox.durable.OutboxStore;
import dev.vpnmanager.storage.Tx;
import io.ebean.Transaction;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Raises alerts once: each is recorded under a unique key, and its messages are stored in the durable outbox in
 * the same transaction, so raising it again (next cycle, after a restart) does nothing and a crash cannot lose
 * it. It is marked sent once the platforms accepted every one of its messages; a message refused for good is a
 * dead letter in the outbox (/outbox, doctor) and leaves the alert unsent. {@link #flushPending()} stores the
 * messages of alerts recorded without any (by a version before the outbox was durable).
 */
@Singleton
public final class Alerts {
  public static final String ADMINS = "admins";
  private static final ObjectMapper JSON = Json.MAPPER;
  private final Tx tx;
  private final Notifier notifier;
  private final Clock clock;
  private volatile boolean flushed;

  @Inject
  public Alerts(Tx tx, Notifier notifier, Clock clock) {
    this.tx = tx;
    this.notifier = notifier;
    this.clock = clock;
  }

  public static String user(String username) {
    return "user:" + username;
  }

  /** Records the alert and stores its messages unless one with this key exists; true when it was new. */
  public boolean raise(String alertKey, String recipient, String messageKey, Object... args) {
    AlertRecord r = new AlertRecord();
    r.setAlertKey(alertKey.length() > 200 ? alertKey.substring(0, 200) : alertKey);
    r.setRecipient(recipient);
    r.setMessageKey(messageKey);
    r.setArgs(json(args));
    r.setRaisedAt(clock.instant());
    try {
      tx.run(txn -> {
        if (tx.db().find(AlertRecord.class).usingTransaction(txn).where().eq("alertKey", r.getAlertKey()).exists()) {
          throw new ConflictException("alert exists");
        }
        tx.db().insert(r, txn);
        store(txn, r);
      });
    } catch (ConflictException e) {
      return false;
    }
    return true;
  }

  public boolean wasRaised(String alertKey) {
    return tx.db().find(AlertRecord.class).where().eq("alertKey", alertKey).exists();
  }

  /**
   * Stores the messages of unsent alerts that have none in the outbox (recorded by an older version); returns
   * how many alerts. Only the first call of a process looks: every alert raised since has its messages.
   */
  public int flushPending() {
    if (flushed) {
      return 0;
    }
    flushed = true;
    int stored = 0;
    for (AlertRecord r : tx.db().find(AlertRecord.class).where().isNull("sentAt").orderBy("id").findList()) {
      stored += tx.write(txn -> {
        AlertRecord fresh = tx.db().find(AlertRecord.class).usingTransaction(txn).setId(r.getId()).findOne();
        if (fresh == null || fresh.getSentAt() != null
            || tx.db().find(dev.vpnmanager.domain.OutboxMessage.class).usingTransaction(txn).where()
                .eq("ref", fresh.getAlertKey()).exists()) {
          return 0;
        }
        store(txn, fresh);
        return 1;
      });
    }
    return stored;
  }

  /** The alert's messages, in its transaction; an alert with no one to tell is sent at once. */
  private void store(Transaction txn, AlertRecord r) {
    Object[] args = parse(r.getArgs()).toArray();
    String to = r.getRecipient();
    int n = to.startsWith("user:")
        ? notifier.toUser(txn, OutboxStore.WARNING, r.getAlertKey(), to.substring(5), r.getMessageKey(), args)
        : notifier.toAdmins(txn, OutboxStore.ALERT, r.getAlertKey(), r.getMessageKey(), args);
    if (n == 0) {
      r.setSentAt(clock.instant());
      tx.db().update(r, txn);
    }
  }

  /** Strings as they are; a {@link When} as {"when": STYLE, "at": ISO}. */
  private static String json(Object[] args) {
    ArrayNode out = JSON.createArrayNode();
    for (Object a : args) {
      if (a instanceof When w) {
        out.addObject().put("when", w.style().name()).put("at", w.iso());
      } else {
        out.add(String.valueOf(a));
      }
    }
    try {
      return JSON.writeValueAsString(out);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Object> parse(String json) {
    try {
      List<Object> out = new ArrayList<>();
      for (JsonNode n : JSON.readTree(json)) {
        out.add(n.isObject() ? new When(When.Style.valueOf(n.path("when").asText()), n.path("at").asText())
            : n.asText());
      }
      return out;
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new IllegalStateException("damaged alert arguments: " + json, e);
    }
  }
}
