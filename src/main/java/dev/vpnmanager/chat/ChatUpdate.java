package dev.vpnmanager.chat;

/**
 * One incoming event from any chat platform: a text message or a button press ({@code callbackData} set).
 * {@code messageId} is the message a button belongs to, so a menu can be edited in place. {@code privateChat}:
 * the chat is this person's one-to-one chat with the bot (a Telegram private chat, a Matrix direct room with
 * the bot and this person, the console), not a group where others read along.
 */
public record ChatUpdate(Platform platform, String chatId, String userId, String displayName, String language,
                         String text, String callbackData, String messageId, boolean privateChat) {

  /** A text message; private when the chat is the person's own (the console, or chat id = user id). */
  public static ChatUpdate text(Platform platform, String chatId, String userId, String text) {
    return new ChatUpdate(platform, chatId, userId, userId, null, text, null, null, ownChat(platform, chatId, userId));
  }

  public static ChatUpdate button(Platform platform, String chatId, String userId, String data, String messageId) {
    return new ChatUpdate(platform, chatId, userId, userId, null, null, data, messageId,
        ownChat(platform, chatId, userId));
  }

  public ChatUpdate withLanguage(String lang) {
    return new ChatUpdate(platform, chatId, userId, displayName, lang, text, callbackData, messageId, privateChat);
  }

  public ChatUpdate withPrivateChat(boolean isPrivate) {
    return new ChatUpdate(platform, chatId, userId, displayName, language, text, callbackData, messageId, isPrivate);
  }

  private static boolean ownChat(Platform platform, String chatId, String userId) {
    return platform == Platform.CONSOLE || chatId != null && chatId.equals(userId);
  }

  public boolean isCallback() {
    return callbackData != null;
  }
}
