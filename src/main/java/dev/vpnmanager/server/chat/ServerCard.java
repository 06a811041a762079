package dev.vpnmanager.server.chat;

import dev.vpnmanager.chat.Keyboard;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.chat.router.CommandContext;
import dev.vpnmanager.server.runtime.ServerStatus;

/** One server as a chat card: protocol, address, container state; buttons start, stop, restart, logs, keys. */
final class ServerCard {
  private ServerCard() {}

  static Reply of(CommandContext ctx, long id, ServerStatus s, boolean edit) {
    String text = ServerTexts.t(ctx, "card.text", icon(s), s.name(), s.protocol(), s.host() + ":" + s.port(),
        s.container().isPresent() ? s.summary() : ServerTexts.t(ctx, s.deployed() ? "card.gone" : "card.undeployed"));
    String arg = Long.toString(id);
    Keyboard k = Keyboard.builder()
        .add(ServerTexts.t(ctx, "card.start"), ctx.button("server", "start", arg, false))
        .add(ServerTexts.t(ctx, "card.stop"), ctx.button("server", "stop", arg, false))
        .add(ServerTexts.t(ctx, "card.restart"), ctx.button("server", "restart", arg, false)).row()
        .add(ServerTexts.t(ctx, "card.logs"), ctx.button("server", "logs", arg, false))
        .add(ServerTexts.t(ctx, "card.refresh"), ctx.button("server", "card", arg, false)).row()
        .add(ServerTexts.t(ctx, "card.rotateKeys"), ctx.button("server", "keys", arg, false)).build();
    return Reply.menu(text, k, edit);
  }

  static String icon(ServerStatus s) {
    if (s.container().isEmpty()) {
      return s.deployed() ? "🔴" : "⚪";
    }
    if (!s.container().get().running() || "unhealthy".equals(s.container().get().health())) {
      return "🔴";
    }
    return "🟢";
  }
}
