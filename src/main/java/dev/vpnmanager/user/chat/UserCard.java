package dev.vpnmanager.user.chat;

import dev.vpnmanager.chat.Keyboard;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.chat.router.CommandContext;
import dev.vpnmanager.common.Sizes;
import dev.vpnmanager.user.UserRecord;
import java.time.Clock;
import java.time.Duration;

/** The text and buttons of one user's card. */
final class UserCard {
  private UserCard() {}

  static Reply of(CommandContext ctx, UserRecord u, Clock clock, boolean edit) {
    return Reply.menu(text(u, clock), buttons(ctx, u), edit);
  }

  static String text(UserRecord u, Clock clock) {
    StringBuilder b = new StringBuilder();
    b.append("👤 ").append(u.username()).append(" — ").append(u.protocol());
    if (u.server() != null) {
      b.append(" on ").append(u.server());
    }
    b.append("\nStatus: ").append(u.status());
    if (u.statusReason() != null) {
      b.append(" (").append(u.statusReason()).append(')');
    }
    b.append("\nTraffic: ").append(Sizes.format(u.usedBytes()))
        .append(u.limitBytes() > 0 ? " of " + Sizes.format(u.limitBytes()) : " (unlimited)");
    b.append("\nExpires: ");
    if (u.expiresAt() == null) {
      b.append("never");
    } else {
      long days = Duration.between(clock.instant(), u.expiresAt()).toDays();
      b.append(u.expiresAt()).append(days >= 0 ? " (" + days + " days left)" : " (past)");
    }
    if (u.email() != null) {
      b.append("\nEmail: ").append(u.email());
    }
    if (u.note() != null) {
      b.append("\nNote: ").append(u.note());
    }
    return b.toString();
  }

  static Keyboard buttons(CommandContext ctx, UserRecord u) {
    String id = Long.toString(u.id());
    Keyboard.Builder k = Keyboard.builder();
    if ("suspended".equals(u.status())) {
      k.add("▶️ Resume", ctx.button("user", "res", id, true));
    } else {
      k.add("⏸ Suspend", ctx.button("user", "sus", id, true));
    }
    k.add("📅 Renew +30 days", ctx.button("user", "ren", id, true)).row();
    k.add("➕ 10 GB", ctx.button("user", "atr", id, true));
    k.add("🔄 Reset traffic", ctx.button("user", "rst", id, true)).row();
    k.add("📲 Send config", ctx.button("user", "cfg", id, false));
    k.add("🔑 Rotate", ctx.button("user", "rot", id, false)).row();
    k.add("🗑 Delete", ctx.button("user", "del", id, false)).row();
    k.add("⬅️ Users", ctx.button("users", "page", "0", false));
    return k.build();
  }
}
