package dev.vpnmanager.server.chat;

import dev.vpnmanager.chat.Keyboard;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.chat.router.CommandContext;
import dev.vpnmanager.server.runtime.ServerStatus;

/** One server as a chat card: protocol, address, container state; buttons start, stop, restart, logs. */
final class ServerCard {
  private ServerCard() {}

  static Reply of(CommandContext ctx, long id, ServerStatus s, boolean edit) {
    String text = icon(s) + " Server " + s.name() + "\n"
        + "protocol: " + s.protocol() + "\n"
        + "address: " + s.host() + ":" + s.port() + "\n"
        + "state: " + s.summary();
    String arg = Long.toString(id);
    Keyboard k = Keyboard.builder()
        .add("▶️ Start", ctx.button("server", "start", arg, false))
        .add("⏹ Stop", ctx.button("server", "stop", arg, false))
        .add("🔄 Restart", ctx.button("server", "restart", arg, false)).row()
        .add("📜 Logs", ctx.button("server", "logs", arg, false))
        .add("↻ Refresh", ctx.button("server", "card", arg, false)).build();
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
