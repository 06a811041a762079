package dev.vpnmanager.chat;

/**
 * One incoming event from any chat platform: a text message or a button press ({@code callbackData} set).
 * {@code messageId} is the message a button belongs to, so a menu can be edited in place.
 */
public record ChatUpdate(Platform platform, String chatId, String userId, String displayName, String language,
                         String text, String callbackData, String messageId) {

  public static ChatUpdate text(Platform platform, String chatId, String userId, String text) {
    return new ChatUpdate(platform, chatId, userId, userId, null, text, null, null);
  }

  public static ChatUpdate button(Platform platform, String chatId, String userId, String data, String messageId) {
    return new ChatUpdate(platform, chatId, userId, userId, null, null, data, messageId);
  }

  public boolean isCallback() {
    return callbackData != null;
  }
}
