package dev.vpnmanager.user.chat;

import dev.vpnmanager.audit.chat.ChatActors;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.chat.router.CommandContext;
import dev.vpnmanager.chat.router.CommandHandler;
import dev.vpnmanager.chat.router.CommandSpec;
import dev.vpnmanager.chat.router.Role;
import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.common.Sizes;
import dev.vpnmanager.user.UserRecord;
import dev.vpnmanager.user.UserService;
import dev.vpnmanager.chat.i18n.Dates;
import javax.inject.Inject;

/** /renew NAME DAYS [TRAFFIC]: adds days and traffic, never overwrites. */
public final class RenewCommand implements CommandHandler {
  private final UserService users;
  private final Dates dates;

  @Inject
  public RenewCommand(UserService users, Dates dates) {
    this.users = users;
    this.dates = dates;
  }

  @Override
  public CommandSpec spec() {
    return new CommandSpec("renew", Role.ADMIN, "NAME DAYS [TRAFFIC]", "add days and traffic");
  }

  @Override
  public Reply handle(CommandContext ctx) {
    if (!ctx.arg(1).matches("\\d{1,5}")) {
      throw new InvalidInputException("usage: " + spec().usage() + " (DAYS is a whole number)");
    }
    long add = ctx.arg(2) == null ? 0 : Sizes.parse(ctx.arg(2));
    UserRecord u = users.renew(ChatActors.of(ctx), ctx.arg(0), Integer.parseInt(ctx.arg(1)), add);
    return Reply.text(ChatTexts.t(ctx, "renew.done") + "\n" + UserCard.text(ctx, users.show(u.username()), dates));
  }
}
