package dev.vpnmanager.chat;

/** A chat platform connection: receives updates for the router and sends replies. */
public interface ChatTransport extends AutoCloseable {
  Platform platform();

  /** Starts receiving in the background. */
  void start();

  /** Sends a reply to a chat (through the transport's rate-limited outbox). */
  void send(String chatId, Reply reply);

  @Override
  void close();
}
