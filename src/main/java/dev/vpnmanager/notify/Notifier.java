package dev.vpnmanager.notify;

/**
 * The one facade for every outgoing alert: jobs and services say what happened, the notifier finds the
 * chats (bound chats of a user, admins from VPN_ADMINS) and hands the message to their transports' outboxes.
 */
public interface Notifier {
  /** A message to every chat bound to this VPN user, in the chat's language. */
  void toUser(String username, String text);

  /** A message to every admin on every configured platform. */
  void toAdmins(String text);

  /**
   * A text from templates/messages/notify_LANG.properties to every chat bound to this user, each in its
   * language. Returns false when a transport failed to take it (the caller may retry later).
   */
  boolean messageToUser(String username, String messageKey, Object... args);

  /** A text from notify_LANG.properties to every admin. Returns false when a transport failed to take it. */
  boolean messageToAdmins(String messageKey, Object... args);

  /** A file (e.g. a database backup) to the owner: the first entry of VPN_ADMINS. False when it failed. */
  boolean documentToOwner(byte[] content, String fileName, String caption);
}
