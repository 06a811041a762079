package dev.vpnmanager.server.chat;

import dev.vpnmanager.chat.i18n.Messages;
import dev.vpnmanager.chat.router.CommandContext;

/** The server feature's chat texts (templates/messages/server_LANG.properties) in the caller's language. */
final class ServerTexts {
  static final Messages MESSAGES = new Messages("server");

  private ServerTexts() {}

  static String t(CommandContext ctx, String key, Object... args) {
    return MESSAGES.get(ctx.update().language(), key, args);
  }
}
