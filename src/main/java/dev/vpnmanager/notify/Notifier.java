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
}
