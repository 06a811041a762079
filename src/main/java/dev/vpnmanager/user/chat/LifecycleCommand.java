package dev.vpnmanager.user.chat;

import dev.vpnmanager.audit.chat.ChatActors;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.chat.router.CommandContext;
import dev.vpnmanager.chat.router.CommandHandler;
import dev.vpnmanager.chat.router.CommandSpec;
import dev.vpnmanager.chat.router.Role;
import dev.vpnmanager.user.UserService;
import java.util.function.BiConsumer;

/** /suspend, /resume, /deluser, /resettraffic NAME: one-argument user actions, as in the CLI. */
public final class LifecycleCommand implements CommandHandler {
  private final String name;
  private final String description;
  private final BiConsumer<Actor, String> action;

  LifecycleCommand(String name, String description, BiConsumer<Actor, String> action) {
    this.name = name;
    this.description = description;
    this.action = action;
  }

  static LifecycleCommand suspend(UserService users) {
    return new LifecycleCommand("suspend", "suspend a user", (a, n) -> users.suspend(a, n, null));
  }

  static LifecycleCommand resume(UserService users) {
    return new LifecycleCommand("resume", "resume a suspended user", users::resume);
  }

  static LifecycleCommand delete(UserService users) {
    return new LifecycleCommand("deluser", "delete a user", users::delete);
  }

  static LifecycleCommand resetTraffic(UserService users) {
    return new LifecycleCommand("resettraffic", "reset a user's traffic", users::resetTraffic);
  }

  @Override
  public CommandSpec spec() {
    return new CommandSpec(name, Role.ADMIN, "NAME", description);
  }

  @Override
  public Reply handle(CommandContext ctx) {
    action.accept(ChatActors.of(ctx), ctx.arg(0));
    return Reply.text(ChatTexts.t(ctx, "lifecycle." + name, ctx.arg(0)));
  }
}
