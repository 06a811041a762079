package dev.vpnmanager.user.chat;

import dev.vpnmanager.chat.Keyboard;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.chat.i18n.Dates;
import dev.vpnmanager.chat.router.CommandContext;
import dev.vpnmanager.common.Sizes;
import dev.vpnmanager.domain.ResetPolicy;
import dev.vpnmanager.user.UserRecord;

/**
 * The text and buttons of one user's card. "➕ 10 GB" shows only for a user with a limit and "Renew +30
 * days" only for one with an expiry; an unlimited or never-expiring user gets "Set limit" / "Set expiry"
 * there instead, which ask for the value (adding to "unlimited" or to "never" would mean nothing).
 */
final class UserCard {
  private UserCard() {}

  static Reply of(CommandContext ctx, UserRecord u, Dates dates, boolean edit) {
    return Reply.menu(text(ctx, u, dates), buttons(ctx, u), edit);
  }

  static String text(CommandContext ctx, UserRecord u, Dates dates) {
    String lang = ctx.update().language();
    StringBuilder b = new StringBuilder();
    b.append(u.server() == null ? ChatTexts.t(ctx, "card.title", u.username(), u.protocol())
        : ChatTexts.t(ctx, "card.titleOn", u.username(), u.protocol(), u.server()));
    b.append('\n').append(ChatTexts.t(ctx, "card.status", ChatTexts.t(ctx, "state." + u.status())));
    if (u.statusReason() != null) {
      b.append(" (").append(ChatTexts.reason(ctx, u)).append(')');
    }
    b.append('\n').append(u.limitBytes() > 0
        ? ChatTexts.t(ctx, "card.traffic", Sizes.format(u.usedBytes()), Sizes.format(u.limitBytes()))
        : ChatTexts.t(ctx, "card.unlimited", Sizes.format(u.usedBytes())));
    b.append('\n');
    if (u.expiresAt() == null) {
      b.append(ChatTexts.t(ctx, "card.never"));
    } else {
      b.append(ChatTexts.t(ctx, "card.expiresOn", dates.expiry(u.expiresAt(), lang)));
    }
    ResetPolicy reset = u.resetPolicy();
    if (!reset.isNever()) {
      b.append('\n').append(ChatTexts.t(ctx, "card.resets", resetWords(ctx, reset)));
    }
    if (u.email() != null) {
      b.append('\n').append(ChatTexts.t(ctx, "card.email", u.email()));
    }
    if (u.note() != null) {
      b.append('\n').append(ChatTexts.t(ctx, "card.note", u.note()));
    }
    return b.toString();
  }

  /** "monthly on day 15", "weekly on day 1", "daily", "never" in the chat's language. */
  static String resetWords(CommandContext ctx, ResetPolicy p) {
    String word = ChatTexts.t(ctx, "reset." + p.strategy().word());
    return p.day() > 0 ? ChatTexts.t(ctx, "reset.onDay", word, p.day()) : word;
  }

  static Keyboard buttons(CommandContext ctx, UserRecord u) {
    String id = Long.toString(u.id());
    Keyboard.Builder k = Keyboard.builder();
    if ("suspended".equals(u.status())) {
      k.add(ChatTexts.t(ctx, "card.resume"), ctx.button("user", "res", id, true));
    } else {
      k.add(ChatTexts.t(ctx, "card.suspend"), ctx.button("user", "sus", id, true));
    }
    if (u.expiresAt() != null) {
      k.add(ChatTexts.t(ctx, "card.renew"), ctx.button("user", "ren", id, true)).row();
    } else {
      k.add(ChatTexts.t(ctx, "card.setExpiry"), ctx.button("user", "ask", id + ":expires", false)).row();
    }
    if (u.limitBytes() > 0) {
      k.add(ChatTexts.t(ctx, "card.addTraffic"), ctx.button("user", "atr", id, true));
    } else {
      k.add(ChatTexts.t(ctx, "card.setLimit"), ctx.button("user", "ask", id + ":limit", false));
    }
    k.add(ChatTexts.t(ctx, "card.reset"), ctx.button("user", "rst", id, true)).row();
    k.add(ChatTexts.t(ctx, "card.config"), ctx.button("user", "cfg", id, false));
    k.add(ChatTexts.t(ctx, "card.edit"), ctx.button("user", "edit", id, false)).row();
    k.add(ChatTexts.t(ctx, "card.rotate"), ctx.button("user", "rot", id, false));
    k.add(ChatTexts.t(ctx, "card.delete"), ctx.button("user", "del", id, false)).row();
    k.add(ChatTexts.t(ctx, "card.back"), ctx.button("users", "page", "0", false));
    return k.build();
  }

  /** The edit menu: one button per field, each asking for its value. */
  static Keyboard editButtons(CommandContext ctx, String id) {
    Keyboard.Builder k = Keyboard.builder();
    int n = 0;
    for (String f : EditFields.FIELDS) {
      k.add("✏️ " + ChatTexts.t(ctx, "edit.field." + f), ctx.button("user", "ask", id + ":" + f, false));
      if (++n % 2 == 0) {
        k.row();
      }
    }
    k.row().add(ChatTexts.t(ctx, "card.cancel"), ctx.button("user", "card", id, false));
    return k.build();
  }
}
