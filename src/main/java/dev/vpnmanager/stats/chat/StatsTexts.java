package dev.vpnmanager.stats.chat;

import dev.vpnmanager.chat.i18n.Messages;
import dev.vpnmanager.chat.router.CommandContext;

/** The stats feature's chat texts (templates/messages/stats_LANG.properties) in the caller's language. */
public final class StatsTexts {
  static final Messages MESSAGES = new Messages("stats");

  private StatsTexts() {}

  public static String t(CommandContext ctx, String key, Object... args) {
    return MESSAGES.get(ctx.update().language(), key, args);
  }
}
