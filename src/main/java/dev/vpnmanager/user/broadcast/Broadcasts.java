package dev.vpnmanager.user.broadcast;

import dev.vpnmanager.user.binding.ChatBindings;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.audit.AuditLog;
import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.notify.Notifier;
import dev.vpnmanager.storage.StateStore;
import dev.vpnmanager.storage.Tx;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Broadcast drafts: the text waits in the state table until an admin confirms it (a button carries only
 * the draft id), then is taken once, with an audit entry, and one message per bound chat is stored in the
 * durable outbox in the same transaction: a confirmed broadcast is sent (at least once) even across a crash,
 * and a second press finds nothing to take.
 */
@Singleton
public final class Broadcasts {
  public static final int MAX_LENGTH = 4000;
  private final Tx tx;
  private final StateStore state;
  private final AuditLog audit;
  private final ChatBindings bindings;
  private final SecureRandom random;
  private final Notifier notifier;

  /** A confirmed broadcast: its text, the bound chats, and how many messages were stored for sending. */
  public record Confirmed(String text, List<ChatBindings.BoundChat> recipients, int queued) {}

  @Inject
  public Broadcasts(Tx tx, StateStore state, AuditLog audit, ChatBindings bindings, Notifier notifier,
                    SecureRandom random) {
    this.notifier = notifier;
    this.tx = tx;
    this.state = state;
    this.audit = audit;
    this.bindings = bindings;
    this.random = random;
  }

  public String draft(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidInputException("a broadcast needs a text");
    }
    if (text.length() > MAX_LENGTH) {
      throw new InvalidInputException("a broadcast is at most " + MAX_LENGTH + " characters");
    }
    String id = Long.toString(random.nextLong() & 0xFF_FFFF_FFFFL, 36);
    state.put("broadcast:" + id, text);
    return id;
  }

  public int recipientCount() {
    return bindings.all().size();
  }

  public Optional<Confirmed> confirm(Actor actor, String id) {
    List<ChatBindings.BoundChat> to = bindings.all();
    return tx.write(txn -> {
      Optional<String> taken = state.take(txn, "broadcast:" + id);
      if (taken.isEmpty()) {
        return Optional.<Confirmed>empty();
      }
      String text = taken.get();
      audit.record(txn, actor, "broadcast.send", "all bound chats", to.size() + " chats: " + text);
      int queued = notifier.broadcast(txn, "broadcast:" + id, text, to);
      return Optional.of(new Confirmed(text, to, queued));
    });
  }

  public void cancel(String id) {
    state.remove("broadcast:" + id);
  }
}
