package dev.vpnmanager.user.chat;

import dev.vpnmanager.chat.Keyboard;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.chat.router.CommandContext;
import dev.vpnmanager.chat.router.CommandHandler;
import dev.vpnmanager.chat.router.CommandSpec;
import dev.vpnmanager.chat.router.Role;
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
  private final UserQueries queries;

  @Inject
  public UsersCommand(UserQueries queries) {
    this.queries = queries;
  }

  @Override
  public CommandSpec spec() {
    return new CommandSpec("users", Role.ADMIN, "/users [STATUS]", "list users (paged buttons)");
  }

  @Override
  public Reply handle(CommandContext ctx) {
    String status = ctx.arg(0);
    if (status != null) {
      UserStatus.parse(status);
    }
    return page(ctx, status, 0, false);
  }

  @Override
  public Reply onButton(CommandContext ctx, String action, List<String> args) {
    if (!"page".equals(action) || args.isEmpty() || !args.get(0).matches("\\d{1,7}")) {
      return Reply.notice("This button is not valid.");
    }
    String status = args.size() > 1 ? args.get(1) : null;
    return page(ctx, status, Integer.parseInt(args.get(0)), true);
  }

  private Reply page(CommandContext ctx, String status, int page, boolean edit) {
    UserStatus filter = status == null ? null : UserStatus.parse(status);
    UserPage p = queries.page(filter, null, page, PAGE_SIZE);
    if (p.total() == 0) {
      return Reply.menu(filter == null ? "No users yet. Add one with /adduser NAME PROTOCOL."
          : "No " + filter.code() + " users.", null, edit);
    }
    int shown = Math.min(page, p.pages() - 1);
    if (shown != page) {
      p = queries.page(filter, null, shown, PAGE_SIZE);
    }
    Keyboard.Builder k = Keyboard.builder();
    for (UserRecord u : p.users()) {
      k.add(icon(u.status()) + " " + u.username() + " · " + Sizes.format(u.usedBytes()),
          ctx.button("user", "card", Long.toString(u.id()), false)).row();
    }
    String suffix = status == null ? "" : ":" + filter.code();
    if (shown > 0) {
      k.add("⏮", ctx.button("users", "page", "0" + suffix, false));
      k.add("◀️", ctx.button("users", "page", (shown - 1) + suffix, false));
    }
    if (shown < p.pages() - 1) {
      k.add("▶️", ctx.button("users", "page", (shown + 1) + suffix, false));
    }
    String title = "Users" + (filter == null ? "" : " (" + filter.code() + ")") + ": " + p.total()
        + " — page " + (shown + 1) + " of " + p.pages();
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
