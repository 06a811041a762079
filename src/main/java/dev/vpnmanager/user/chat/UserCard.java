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
    return Reply.menu(text(ctx, u, clock), buttons(ctx, u), edit);
  }

  static String text(CommandContext ctx, UserRecord u, Clock clock) {
    StringBuilder b = new StringBuilder();
    b.append(u.server() == null ? ChatTexts.t(ctx, "card.title", u.username(), u.protocol())
        : ChatTexts.t(ctx, "card.titleOn", u.username(), u.protocol(), u.server()));
    b.append('\n').append(ChatTexts.t(ctx, "card.status", u.status()));
    if (u.statusReason() != null) {
      b.append(" (").append(u.statusReason()).append(')');
    }
    b.append('\n').append(u.limitBytes() > 0
        ? ChatTexts.t(ctx, "card.traffic", Sizes.format(u.usedBytes()), Sizes.format(u.limitBytes()))
        : ChatTexts.t(ctx, "card.unlimited", Sizes.format(u.usedBytes())));
    b.append('\n');
    if (u.expiresAt() == null) {
      b.append(ChatTexts.t(ctx, "card.never"));
    } else {
      long days = Duration.between(clock.instant(), u.expiresAt()).toDays();
      b.append(days >= 0 ? ChatTexts.t(ctx, "card.expires", u.expiresAt().toString(), days)
          : ChatTexts.t(ctx, "card.expired", u.expiresAt().toString()));
    }
    if (u.email() != null) {
      b.append('\n').append(ChatTexts.t(ctx, "card.email", u.email()));
    }
    if (u.note() != null) {
      b.append('\n').append(ChatTexts.t(ctx, "card.note", u.note()));
    }
    return b.toString();
  }

  static Keyboard buttons(CommandContext ctx, UserRecord u) {
    String id = Long.toString(u.id());
    Keyboard.Builder k = Keyboard.builder();
    if ("suspended".equals(u.status())) {
      k.add(ChatTexts.t(ctx, "card.resume"), ctx.button("user", "res", id, true));
    } else {
      k.add(ChatTexts.t(ctx, "card.suspend"), ctx.button("user", "sus", id, true));
    }
    k.add(ChatTexts.t(ctx, "card.renew"), ctx.button("user", "ren", id, true)).row();
    k.add(ChatTexts.t(ctx, "card.addTraffic"), ctx.button("user", "atr", id, true));
    k.add(ChatTexts.t(ctx, "card.reset"), ctx.button("user", "rst", id, true)).row();
    k.add(ChatTexts.t(ctx, "card.config"), ctx.button("user", "cfg", id, false));
    k.add(ChatTexts.t(ctx, "card.rotate"), ctx.button("user", "rot", id, false)).row();
    k.add(ChatTexts.t(ctx, "card.delete"), ctx.button("user", "del", id, false)).row();
    k.add(ChatTexts.t(ctx, "card.back"), ctx.button("users", "page", "0", false));
    return k.build();
  }
}
