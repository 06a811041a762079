package dev.vpnmanager.user.chat;

import dev.vpnmanager.chat.i18n.Messages;
import dev.vpnmanager.chat.router.CommandContext;

/** The user feature's chat texts (templates/messages/chat_LANG.properties) in the caller's language. */
final class ChatTexts {
  static final Messages MESSAGES = new Messages("chat");

  private ChatTexts() {}

  static String t(CommandContext ctx, String key, Object... args) {
    return MESSAGES.get(ctx.update().language(), key, args);
  }
}
