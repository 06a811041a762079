package dev.vpnmanager.user.chat;

import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.chat.router.CommandContext;
import dev.vpnmanager.chat.router.CommandHandler;
import dev.vpnmanager.chat.router.CommandSpec;
import dev.vpnmanager.chat.router.Role;
import javax.inject.Inject;

/** /start: a greeting that says what this chat may do. */
public final class StartCommand implements CommandHandler {
  @Inject
  public StartCommand() {}

  @Override
  public CommandSpec spec() {
    return new CommandSpec("start", Role.ANYONE, "/start [TOKEN]", "greeting; with an invite token, bind this chat");
  }

  @Override
  public Reply handle(CommandContext ctx) {
    if (ctx.role().atLeast(Role.ADMIN)) {
      return Reply.text("👋 Hello, admin. Send /menu for the main menu or /help for all commands.");
    }
    if (ctx.role() == Role.USER) {
      return Reply.text("👋 Welcome back. Send /help to see what you can do.");
    }
    return Reply.text("👋 Hello. This is a private VPN service: ask its admin for an invite link.");
  }
}
