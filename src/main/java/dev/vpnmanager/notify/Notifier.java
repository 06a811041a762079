package dev.vpnmanager.notify;

import dev.vpnmanager.user.binding.ChatBindings;
import io.ebean.Transaction;
import java.nio.file.Path;
import java.util.List;

/**
 * The one facade for every outgoing alert: jobs and services say what happened, the notifier finds the
 * chats (bound chats of a user, admins from VPN_ADMINS) and stores one message per chat in the durable outbox,
 * in the caller's transaction; the outbox sender sends them (in {@code serve}). Recipients on a platform with no
 * configured transport are skipped. Each method returns how many messages it stored.
 */
public interface Notifier {
  /** A text from templates/messages/notify_LANG.properties to every chat bound to this user, each in its language. */
  int toUser(Transaction txn, String kind, String ref, String username, String messageKey, Object... args);

  /**
   * The user's config (link, QR code, file, as /config sends it, made when sent) to every chat bound to this
   * user, after a line from notify_LANG.properties in the chat's language saying why.
   */
  int configToUser(Transaction txn, String username, String messageKey, Object... args);

  /** A text from notify_LANG.properties (default language) to every admin. */
  int toAdmins(Transaction txn, String kind, String ref, String messageKey, Object... args);

  /** A file (e.g. a database backup), read when it is sent, to the owner: the first entry of VPN_ADMINS. */
  int documentToOwner(Transaction txn, String ref, Path file, String caption);

  /** The same text to each of these chats (a broadcast). */
  int broadcast(Transaction txn, String ref, String text, List<ChatBindings.BoundChat> to);

  /** {@link #toUser} in a transaction of its own; true when anything was stored. */
  boolean messageToUser(String username, String messageKey, Object... args);

  /** {@link #toAdmins} in a transaction of its own; true when anything was stored. */
  boolean messageToAdmins(String messageKey, Object... args);
}
