package dev.vpnmanager.user.chat;

import dev.vpnmanager.chat.i18n.Messages;
import dev.vpnmanager.chat.router.CommandContext;
import dev.vpnmanager.common.Sizes;
import dev.vpnmanager.user.UserRecord;

/** The user feature's chat texts (templates/messages/chat_LANG.properties) in the caller's language. */
final class ChatTexts {
  static final Messages MESSAGES = new Messages("chat");

  private ChatTexts() {}

  static String t(CommandContext ctx, String key, Object... args) {
    return MESSAGES.get(ctx.update().language(), key, args);
  }

  /**
   * Why a user has their status, in the caller's language: the reasons the service writes itself (expiry, used-up
   * traffic, a suspension without a reason) are translated; a reason an admin typed is shown as typed.
   */
  static String reason(CommandContext ctx, UserRecord u) {
    String r = u.statusReason();
    if ("expired".equals(u.status()) && r.startsWith("expired on ")) {
      return t(ctx, "reason.expired");
    }
    if ("limited".equals(u.status()) && r.startsWith("traffic limit of ")) {
      return t(ctx, "reason.limited", Sizes.format(u.limitBytes()));
    }
    return "suspended by an admin".equals(r) ? t(ctx, "reason.byAdmin") : r;
  }
}
