package dev.vpnmanager.chat;

/** A chat platform connection: receives updates for the router and sends replies. */
public interface ChatTransport extends AutoCloseable {
  Platform platform();

  /** Starts receiving in the background. */
  void start();

  /** Sends a reply to a chat (through the transport's rate-limited outbox). */
  void send(String chatId, Reply reply);

  /**
   * Sends to a person rather than a chat: an admin from VPN_ADMINS (its id after the platform prefix). On
   * Telegram a private chat's id is the user id; Matrix finds or opens a direct room.
   */
  default void sendToUser(String userId, Reply reply) {
    send(userId, reply);
  }

  /**
   * The chat {@link #sendToUser} reaches this person in, when known: on Telegram (and the console) the user id
   * itself; Matrix knows it once a direct room exists. Used to answer in the language that chat chose.
   */
  default java.util.Optional<String> privateChatOf(String userId) {
    return java.util.Optional.of(userId);
  }

  @Override
  void close();
}
