package dev.vpnmanager.user.chat;

import dev.vpnmanager.chat.router.CommandHandler;
import dev.vpnmanager.user.UserService;

/** Factories for the one-argument lifecycle commands, visible to the module that binds them. */
public final class UserChatHandlers {
  private UserChatHandlers() {}

  public static CommandHandler suspend(UserService s) {
    return LifecycleCommand.suspend(s);
  }

  public static CommandHandler resume(UserService s) {
    return LifecycleCommand.resume(s);
  }

  public static CommandHandler delete(UserService s) {
    return LifecycleCommand.delete(s);
  }

  public static CommandHandler resetTraffic(UserService s) {
    return LifecycleCommand.resetTraffic(s);
  }
}
