package dev.vpnmanager.user.chat;

import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.chat.router.CommandContext;
import dev.vpnmanager.chat.router.CommandHandler;
import dev.vpnmanager.chat.router.CommandSpec;
import dev.vpnmanager.chat.router.Role;
import dev.vpnmanager.common.Sizes;
import dev.vpnmanager.stats.TrafficStats;
import dev.vpnmanager.user.UserRecord;
import dev.vpnmanager.user.UserService;
import dev.vpnmanager.user.binding.ChatBindings;
import dev.vpnmanager.chat.i18n.Dates;
import javax.inject.Inject;

/**
 * /usage: a bound user's own traffic (used, left, as a bar), days left, status and its reason, and a chart of
 * their last 30 days with the limit line.
 */
public final class UsageCommand implements CommandHandler {
  private final ChatBindings bindings;
  private final UserService users;
  private final Dates dates;
  private final TrafficStats stats;

  @Inject
  public UsageCommand(ChatBindings bindings, UserService users, Dates dates, TrafficStats stats) {
    this.bindings = bindings;
    this.users = users;
    this.dates = dates;
    this.stats = stats;
  }

  @Override
  public CommandSpec spec() {
    return new CommandSpec("usage", Role.USER, "your traffic, limit and expiry");
  }

  @Override
  public Reply handle(CommandContext ctx) {
    String name = bindings.userOf(ctx.update().platform(), ctx.update().chatId()).orElse(null);
    if (name == null) {
      return Reply.text(ChatTexts.t(ctx, "usage.unbound"));
    }
    UserRecord u = users.show(name);
    StringBuilder b = new StringBuilder(ChatTexts.t(ctx, "usage.title", u.username())).append('\n');
    if (u.limitBytes() > 0) {
      long left = Math.max(0, u.limitBytes() - u.usedBytes());
      b.append(bar(u.usedBytes(), u.limitBytes())).append('\n')
          .append(ChatTexts.t(ctx, "usage.traffic", Sizes.format(u.usedBytes()), Sizes.format(u.limitBytes()),
              Sizes.format(left)));
    } else {
      b.append(ChatTexts.t(ctx, "usage.unlimited", Sizes.format(u.usedBytes())));
    }
    b.append('\n');
    if (u.expiresAt() == null) {
      b.append(ChatTexts.t(ctx, "usage.noexpiry"));
    } else {
      b.append(ChatTexts.t(ctx, "usage.expires", dates.expiry(u.expiresAt(), ctx.update().language())));
    }
    b.append('\n').append(ChatTexts.t(ctx, "usage.status", ChatTexts.t(ctx, "status." + u.status())));
    if (u.statusReason() != null) {
      b.append(" (").append(ChatTexts.reason(ctx, u)).append(')');
    }
    Reply reply = Reply.text(b.toString());
    return UsageChart.of(ctx, stats, u).map(reply::and).orElse(reply);
  }

  /** Ten cells and a percentage, e.g. ▓▓▓▓░░░░░░ 40%. */
  static String bar(long used, long limit) {
    int pct = (int) Math.min(100, used * 100 / Math.max(1, limit));
    int full = Math.min(10, (int) Math.round(pct / 10.0));
    return "▓".repeat(full) + "░".repeat(10 - full) + " " + pct + "%";
  }
}
