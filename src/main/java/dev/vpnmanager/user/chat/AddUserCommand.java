package dev.vpnmanager.user.chat;

import dev.vpnmanager.audit.chat.ChatActors;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.chat.router.CommandContext;
import dev.vpnmanager.chat.router.CommandHandler;
import dev.vpnmanager.chat.router.CommandSpec;
import dev.vpnmanager.chat.router.Role;
import dev.vpnmanager.common.Expiry;
import dev.vpnmanager.common.Sizes;
import dev.vpnmanager.user.NewUser;
import dev.vpnmanager.user.UserRecord;
import dev.vpnmanager.user.UserService;
import dev.vpnmanager.chat.i18n.Dates;
import java.time.Clock;
import java.time.Instant;
import javax.inject.Inject;

/** /adduser NAME PROTOCOL [LIMIT] [EXPIRES]: creates a user and shows their card. */
public final class AddUserCommand implements CommandHandler {
  private final UserService users;
  private final Clock clock;
  private final Dates dates;

  @Inject
  public AddUserCommand(UserService users, Clock clock, Dates dates) {
    this.users = users;
    this.clock = clock;
    this.dates = dates;
  }

  @Override
  public CommandSpec spec() {
    return new CommandSpec("adduser", Role.ADMIN, "NAME PROTOCOL [LIMIT] [EXPIRES]", "create a user");
  }

  @Override
  public Reply handle(CommandContext ctx) {
    long limit = ctx.arg(2) == null ? 0 : Sizes.parse(ctx.arg(2));
    Instant expires = ctx.arg(3) == null ? null : Expiry.parse(ctx.arg(3), clock).orElse(null);
    UserRecord u = users.add(ChatActors.of(ctx),
        new NewUser(ctx.arg(0), ctx.arg(1).toLowerCase(java.util.Locale.ROOT), null, limit, expires, null, null));
    Reply card = UserCard.of(ctx, users.show(u.username()), dates, false);
    return Reply.text(ChatTexts.t(ctx, "adduser.done", u.username())).and(card.parts().get(0));
  }
}
