package dev.vpnmanager.user.chat;

import dev.vpnmanager.chat.Keyboard;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.chat.router.CommandContext;
import dev.vpnmanager.chat.router.CommandHandler;
import dev.vpnmanager.chat.router.CommandSpec;
import dev.vpnmanager.chat.router.Role;
import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.common.Sizes;
import dev.vpnmanager.domain.UserStatus;
import dev.vpnmanager.user.UserPage;
import dev.vpnmanager.user.UserQueries;
import dev.vpnmanager.user.UserRecord;
import java.util.List;
import javax.inject.Inject;

/** /users [STATUS]: the paged user list, 10 a page, each user a button that opens their card. */
public final class UsersCommand implements CommandHandler {
  static final int PAGE_SIZE = 10;
  static final List<String> STATUSES = List.of("active", "suspended", "limited", "expired");
  static final String PREFIX = "[A-Za-z0-9_.@+-]{1,12}";
  private final UserQueries queries;

  @Inject
  public UsersCommand(UserQueries queries) {
    this.queries = queries;
  }

  @Override
  public CommandSpec spec() {
    return new CommandSpec("users", Role.ADMIN, "[STATUS|NAME-PREFIX]", "list users (paged buttons)");
  }

  @Override
  public Reply handle(CommandContext ctx) {
    String arg = ctx.arg(0);
    if (arg == null) {
      return page(ctx, null, null, 0, false);
    }
    if (STATUSES.contains(arg.toLowerCase(java.util.Locale.ROOT))) {
      return page(ctx, arg.toLowerCase(java.util.Locale.ROOT), null, 0, false);
    }
    if (!arg.matches(PREFIX)) {
      throw new InvalidInputException("usage: /users [active|suspended|limited|expired] or /users NAME-PREFIX "
          + "(up to 12 of A-Z a-z 0-9 _ . -)");
    }
    return page(ctx, null, arg, 0, false);
  }

  @Override
  public Reply onButton(CommandContext ctx, String action, List<String> args) {
    if (!"page".equals(action) || args.isEmpty() || !args.get(0).matches("\\d{1,7}")) {
      return Reply.notice(ChatTexts.t(ctx, "button.invalid"));
    }
    String status = args.size() > 1 && !args.get(1).isEmpty() ? args.get(1) : null;
    String prefix = args.size() > 2 && !args.get(2).isEmpty() ? args.get(2) : null;
    if ((status != null && !STATUSES.contains(status)) || (prefix != null && !prefix.matches(PREFIX))) {
      return Reply.notice(ChatTexts.t(ctx, "button.invalid"));
    }
    return page(ctx, status, prefix, Integer.parseInt(args.get(0)), true);
  }

  private Reply page(CommandContext ctx, String status, String prefix, int page, boolean edit) {
    UserStatus filter = status == null ? null : UserStatus.parse(status);
    UserPage p = queries.page(filter, prefix, page, PAGE_SIZE);
    int shown = Math.min(page, p.pages() - 1);
    if (shown != page) {
      p = queries.page(filter, prefix, shown, PAGE_SIZE);
    }
    String suffix = ":" + (status == null ? "" : status) + ":" + (prefix == null ? "" : prefix);
    Keyboard.Builder k = Keyboard.builder();
    for (UserRecord u : p.users()) {
      k.add(icon(u.status()) + " " + u.username() + " · " + Sizes.format(u.usedBytes()),
          ctx.button("user", "card", Long.toString(u.id()), false)).row();
    }
    if (shown > 0) {
      k.add("⏮", ctx.button("users", "page", "0" + suffix, false));
      k.add("◀️", ctx.button("users", "page", (shown - 1) + suffix, false));
    }
    if (shown < p.pages() - 1) {
      k.add("▶️", ctx.button("users", "page", (shown + 1) + suffix, false));
    }
    k.row();
    String keep = ":" + (prefix == null ? "" : prefix);
    k.add(status == null ? "• all" : "all", ctx.button("users", "page", "0:" + keep, false));
    for (String s : STATUSES) {
      k.add((s.equals(status) ? "• " : "") + icon(s), ctx.button("users", "page", "0:" + s + keep, false));
    }
    String scope = (filter == null ? "" : " (" + filter.code() + ")") + (prefix == null ? "" : " «" + prefix + "…»");
    if (p.total() == 0) {
      String empty = filter == null && prefix == null ? ChatTexts.t(ctx, "users.none")
          : ChatTexts.t(ctx, "users.noneMatching", scope);
      return Reply.menu(empty, k.build(), edit);
    }
    String title = ChatTexts.t(ctx, "users.title", scope, Integer.toString(p.total()), shown + 1, p.pages());
    return Reply.menu(title, k.build(), edit);
  }

  static String icon(String status) {
    return switch (status) {
      case "active" -> "🟢";
      case "suspended" -> "⏸";
      case "limited" -> "🟠";
      default -> "🔴";
    };
  }
}
