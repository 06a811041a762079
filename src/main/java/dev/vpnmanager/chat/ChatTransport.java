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

  /** Whether the transport is signed in and receiving (for GET /readyz); true until a transport says more. */
  default boolean connected() {
    return true;
  }

  /** Replies waiting in the transport's outbox (for GET /metrics). */
  default int outboxDepth() {
    return 0;
  }

  @Override
  void close();
}
