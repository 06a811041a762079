package dev.vpnmanager.user.chat;

import dev.vpnmanager.audit.chat.ChatActors;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.chat.i18n.Dates;
import dev.vpnmanager.chat.router.CommandContext;
import dev.vpnmanager.chat.router.CommandHandler;
import dev.vpnmanager.chat.router.CommandSpec;
import dev.vpnmanager.chat.router.Role;
import dev.vpnmanager.user.UserEdit;
import dev.vpnmanager.user.UserService;
import java.time.Clock;
import javax.inject.Inject;

/** /edit NAME FIELD VALUE: as {@code users edit}; the value may have spaces (a note). Shows the card after. */
public final class EditCommand implements CommandHandler {
  private final UserService users;
  private final Clock clock;
  private final Dates dates;

  @Inject
  public EditCommand(UserService users, Clock clock, Dates dates) {
    this.users = users;
    this.clock = clock;
    this.dates = dates;
  }

  @Override
  public CommandSpec spec() {
    return new CommandSpec("edit", Role.ADMIN, "NAME FIELD TEXT",
        "change limit, expires, note, email, server or reset (daily, weekly[:D], monthly[:D], never)");
  }

  @Override
  public Reply handle(CommandContext ctx) {
    String field = EditFields.field(ctx.arg(1));
    String value = ctx.update().text().strip().split("\\s+", 4).length < 4 ? ""
        : ctx.update().text().strip().split("\\s+", 4)[3];
    UserEdit edit = EditFields.parse(field, value, clock);
    String name = ctx.arg(0);
    users.edit(ChatActors.of(ctx), name, edit);
    return Reply.text(ChatTexts.t(ctx, "edit.done", name, ChatTexts.t(ctx, "edit.field." + field)))
        .and(UserCard.of(ctx, users.show(name), dates, false).parts().get(0));
  }
}
