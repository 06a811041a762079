package dev.vpnmanager.chat;

import dev.vpnmanager.chat.outbox.Failure;
import dev.vpnmanager.chat.outbox.Outbox;

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

  /**
   * A stored message on its way out: to a chat, or ({@code person}) to a person; {@code skip} platform calls of
   * it were accepted before (it is resumed after them); {@code key} is the message's own stable id, for
   * platforms whose sends are idempotent by a client-chosen id (Matrix transaction ids).
   */
  record Outgoing(String target, boolean person, Reply reply, int skip, String key) {}

  /**
   * Sends a stored message through the outbox and tells {@code listener} each call the platform accepted and
   * how the message ended. This default sends in one go on the caller's thread; a failure counts as transient.
   */
  default void deliver(Outgoing message, Outbox.Listener listener) {
    try {
      if (message.person()) {
        sendToUser(message.target(), message.reply());
      } else {
        send(message.target(), message.reply());
      }
    } catch (RuntimeException e) {
      listener.finished(Failure.transientError(), e);
      return;
    }
    listener.finished(null, null);
  }

  /** A failed send in a few words for a dead letter or a log line: never a token or a message text. */
  default String describe(Exception failure) {
    return failure == null ? "" : failure.getClass().getSimpleName();
  }

  /**
   * The chat {@link #sendToUser} reaches this person in, when known: on Telegram (and the console) the user id
   * itself; Matrix knows it once a direct room exists. Used to answer in the language that chat chose.
   */
  default java.util.Optional<String> privateChatOf(String userId) {
    return java.util.Optional.of(userId);
  }

  /**
   * Whether this chat is a private one (the bot and one person), so it may receive secrets such as a config: on
   * Telegram not a group (negative ids), on Matrix a direct room; the console is its owner's.
   */
  default boolean isPrivateChat(String chatId) {
    return true;
  }

  @Override
  void close();
}
