package dev.vpnmanager.chat.telegram;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import dev.vpnmanager.storage.StateStore;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chats that refuse the bot: a user who blocked it (403 "bot was blocked by the user", or Telegram's own
 * my_chat_member update saying "kicked"), a deactivated account, a group that removed it. Nothing is sent to such
 * a chat (a 403 is never retried, and what was queued behind it is dropped) until it writes to the bot again or
 * Telegram reports it unblocked. One state row per chat ({@code telegram-blocked:<chat>} = since when, and why),
 * so a restart does not start writing to it again; a bounded cache in front.
 */
final class BlockedChats {
  private static final Logger LOG = LoggerFactory.getLogger(BlockedChats.class);
  private static final String NO = "";
  private final StateStore state;
  private final Clock clock;
  private final Cache<String, String> cache = CacheBuilder.newBuilder().maximumSize(10_000).build();

  BlockedChats(StateStore state, Clock clock) {
    this.state = state;
    this.clock = clock;
  }

  boolean blocked(String chatId) {
    String v = cache.getIfPresent(chatId);
    if (v == null) {
      v = state.get(key(chatId)).orElse(NO);
      cache.put(chatId, v);
    }
    return !v.isEmpty();
  }

  /** Records that the chat refuses the bot; {@code why} is Telegram's description (no secrets in it). */
  void block(String chatId, String why) {
    if (blocked(chatId)) {
      return;
    }
    String v = clock.instant() + " " + (why == null ? "" : why);
    cache.put(chatId, v);
    state.put(key(chatId), v);
    LOG.info("telegram: a chat refuses the bot ({}); nothing is sent to it until it writes again", why);
  }

  /** The chat wrote to the bot or Telegram says it is back: it may be written to again. */
  void unblock(String chatId) {
    if (blocked(chatId)) {
      cache.put(chatId, NO); // first: once the row is gone, nothing may still read the chat as blocked
      state.remove(key(chatId));
      LOG.info("telegram: a chat that had blocked the bot is back");
    }
  }

  private static String key(String chatId) {
    return "telegram-blocked:" + chatId;
  }
}
