package dev.vpnmanager.user.broadcast;

import dev.vpnmanager.user.invite.InviteService;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.audit.AuditLog;
import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.domain.StateEntry;
import dev.vpnmanager.storage.Tx;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Broadcast drafts: the text waits in the state table until an admin confirms it (a button carries only
 * the draft id), then is taken once, with an audit entry, together with the list of bound chats.
 */
@Singleton
public final class Broadcasts {
  public static final int MAX_LENGTH = 4000;
  private final Tx tx;
  private final AuditLog audit;
  private final InviteService invites;
  private final SecureRandom random;

  /** A confirmed broadcast: its text and who gets it. */
  public record Confirmed(String text, List<InviteService.BoundChat> recipients) {}

  @Inject
  public Broadcasts(Tx tx, AuditLog audit, InviteService invites, SecureRandom random) {
    this.tx = tx;
    this.audit = audit;
    this.invites = invites;
    this.random = random;
  }

  public String draft(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidInputException("usage: /broadcast TEXT");
    }
    if (text.length() > MAX_LENGTH) {
      throw new InvalidInputException("a broadcast is at most " + MAX_LENGTH + " characters");
    }
    String id = Long.toString(random.nextLong() & 0xFF_FFFF_FFFFL, 36);
    tx.run(txn -> {
      StateEntry e = new StateEntry();
      e.setKey("broadcast:" + id);
      e.setValue(text);
      tx.db().insert(e, txn);
    });
    return id;
  }

  public int recipientCount() {
    return invites.boundChats().size();
  }

  public Optional<Confirmed> confirm(Actor actor, String id) {
    List<InviteService.BoundChat> to = invites.boundChats();
    return tx.write(txn -> {
      StateEntry e = tx.db().find(StateEntry.class).usingTransaction(txn).where().eq("key", "broadcast:" + id)
          .findOne();
      if (e == null) {
        return Optional.<Confirmed>empty();
      }
      String text = e.getValue();
      tx.db().delete(e, txn);
      audit.record(txn, actor, "broadcast.send", "all bound chats", to.size() + " chats: " + text);
      return Optional.of(new Confirmed(text, to));
    });
  }

  public void cancel(String id) {
    tx.run(txn -> tx.db().find(StateEntry.class).usingTransaction(txn).where().eq("key", "broadcast:" + id)
        .delete());
  }
}
