package dev.vpnmanager.user.chat;

import dev.vpnmanager.audit.chat.ChatActors;
import dev.vpnmanager.chat.Keyboard;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.chat.router.CommandContext;
import dev.vpnmanager.chat.router.CommandHandler;
import dev.vpnmanager.chat.router.CommandSpec;
import dev.vpnmanager.chat.router.Role;
import dev.vpnmanager.user.broadcast.Broadcasts;
import java.util.List;
import javax.inject.Inject;

/**
 * /broadcast TEXT: after a confirm button, one message per bound chat is stored in the durable outbox and
 * leaves as bulk mail through each platform's outbox (interactive replies keep going ahead of it).
 */
public final class BroadcastCommand implements CommandHandler {
  private final Broadcasts broadcasts;

  @Inject
  public BroadcastCommand(Broadcasts broadcasts) {
    this.broadcasts = broadcasts;
  }

  @Override
  public CommandSpec spec() {
    return new CommandSpec("broadcast", Role.ADMIN, "TEXT", "message every bound user");
  }

  @Override
  public Reply handle(CommandContext ctx) {
    String text = ctx.update().text().strip().replaceFirst("^\\S+\\s*", "");
    String id = broadcasts.draft(text);
    Keyboard k = Keyboard.builder()
        .add(ChatTexts.t(ctx, "broadcast.send"), ctx.button("broadcast", "ok", id, true))
        .add(ChatTexts.t(ctx, "broadcast.cancel"), ctx.button("broadcast", "no", id, true)).build();
    return Reply.menu(ChatTexts.t(ctx, "broadcast.confirm", broadcasts.recipientCount(), text), k, false);
  }

  @Override
  public Reply onButton(CommandContext ctx, String action, List<String> args) {
    if (args.size() != 1 || !args.get(0).matches("[0-9a-z]{1,12}")) {
      return Reply.notice(ChatTexts.t(ctx, "button.invalid"));
    }
    if ("no".equals(action)) {
      broadcasts.cancel(args.get(0));
      return Reply.menu(ChatTexts.t(ctx, "broadcast.cancelled"), null, true);
    }
    if (!"ok".equals(action)) {
      return Reply.notice(ChatTexts.t(ctx, "button.invalid"));
    }
    Broadcasts.Confirmed c = broadcasts.confirm(ChatActors.of(ctx), args.get(0)).orElse(null);
    if (c == null) {
      return Reply.notice(ChatTexts.t(ctx, "broadcast.gone"));
    }
    int queued = c.queued();
    return Reply.menu(ChatTexts.t(ctx, "broadcast.queued", queued), null, true)
        .and(new Reply.Notice(ChatTexts.t(ctx, "broadcast.queued", queued)));
  }
}
