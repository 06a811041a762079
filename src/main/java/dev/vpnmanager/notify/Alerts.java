package dev.vpnmanager.notify;

import dev.vpnmanager.config.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vpnmanager.common.ConflictException;
import dev.vpnmanager.domain.AlertRecord;
import dev.vpnmanager.storage.Tx;
import java.time.Clock;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Raises alerts once: each is recorded under a unique key before it is sent, so raising it again (next cycle,
 * after a restart) does nothing; it is marked sent once a transport took it, and one that could not be sent
 * stays pending and goes out on {@link #flushPending()}.
 */
@Singleton
public final class Alerts {
  public static final String ADMINS = "admins";
  private static final ObjectMapper JSON = Json.MAPPER;
  private final Tx tx;
  private final Notifier notifier;
  private final Clock clock;

  @Inject
  public Alerts(Tx tx, Notifier notifier, Clock clock) {
    this.tx = tx;
    this.notifier = notifier;
    this.clock = clock;
  }

  public static String user(String username) {
    return "user:" + username;
  }

  /** Records and sends the alert unless one with this key exists; true when it was new. */
  public boolean raise(String alertKey, String recipient, String messageKey, String... args) {
    AlertRecord r = new AlertRecord();
    r.setAlertKey(alertKey.length() > 200 ? alertKey.substring(0, 200) : alertKey);
    r.setRecipient(recipient);
    r.setMessageKey(messageKey);
    r.setArgs(json(List.of(args)));
    r.setRaisedAt(clock.instant());
    try {
      tx.run(txn -> {
        if (tx.db().find(AlertRecord.class).usingTransaction(txn).where().eq("alertKey", r.getAlertKey()).exists()) {
          throw new ConflictException("alert exists");
        }
        tx.db().insert(r, txn);
      });
    } catch (ConflictException e) {
      return false;
    }
    deliver(r);
    return true;
  }

  public boolean wasRaised(String alertKey) {
    return tx.db().find(AlertRecord.class).where().eq("alertKey", alertKey).exists();
  }

  /** Sends the alerts that were recorded but not sent (a crash or a transport failure); returns how many went. */
  public int flushPending() {
    int sent = 0;
    for (AlertRecord r : tx.db().find(AlertRecord.class).where().isNull("sentAt").orderBy("id").findList()) {
      sent += deliver(r) ? 1 : 0;
    }
    return sent;
  }

  private boolean deliver(AlertRecord r) {
    Object[] args = parse(r.getArgs()).toArray();
    String to = r.getRecipient();
    boolean ok = to.startsWith("user:") ? notifier.messageToUser(to.substring(5), r.getMessageKey(), args)
        : notifier.messageToAdmins(r.getMessageKey(), args);
    if (ok) {
      tx.run(txn -> {
        AlertRecord fresh = tx.db().find(AlertRecord.class).usingTransaction(txn).setId(r.getId()).findOne();
        fresh.setSentAt(clock.instant());
        tx.db().update(fresh, txn);
      });
    }
    return ok;
  }

  private static String json(List<String> args) {
    try {
      return JSON.writeValueAsString(args);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> parse(String json) {
    try {
      return JSON.readValue(json, new TypeReference<List<String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("damaged alert arguments: " + json, e);
    }
  }
}
