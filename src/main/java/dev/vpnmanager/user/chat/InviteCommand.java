package dev.vpnmanager.user.chat;

import dev.vpnmanager.audit.chat.ChatActors;
import dev.vpnmanager.chat.BotNames;
import dev.vpnmanager.chat.Platform;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.chat.router.CommandContext;
import dev.vpnmanager.chat.router.CommandHandler;
import dev.vpnmanager.chat.router.CommandSpec;
import dev.vpnmanager.chat.router.Role;
import dev.vpnmanager.user.invite.InviteService;
import javax.inject.Inject;

/** /invite NAME: a one-time link that binds whoever opens it to that VPN user. */
public final class InviteCommand implements CommandHandler {
  private final InviteService invites;
  private final BotNames bots;

  @Inject
  public InviteCommand(InviteService invites, BotNames bots) {
    this.invites = invites;
    this.bots = bots;
  }

  @Override
  public CommandSpec spec() {
    return new CommandSpec("invite", Role.ADMIN, "NAME", "make a one-time invite link");
  }

  @Override
  public Reply handle(CommandContext ctx) {
    String token = invites.create(ChatActors.of(ctx), ctx.arg(0));
    return Reply.text(ChatTexts.t(ctx, "invite.made", ctx.arg(0), link(ctx.update().platform(), token))).asSecret();
  }

  /** The link for Telegram (t.me deep link); elsewhere the command to send. */
  String link(Platform platform, String token) {
    return bots.of(Platform.TELEGRAM).filter(b -> platform == Platform.TELEGRAM)
        .map(b -> "https://t.me/" + b + "?start=" + token).orElse("/start " + token);
  }
}
