package dev.vpnmanager.audit.chat;

import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.audit.Channel;
import dev.vpnmanager.chat.router.CommandContext;

/** The audit actor for a chat caller: channel from the platform, id as platform:user. Every feature's handlers use it. */
public final class ChatActors {
  private ChatActors() {}

  public static Actor of(CommandContext ctx) {
    Channel channel = switch (ctx.update().platform()) {
      case TELEGRAM -> Channel.TELEGRAM;
      case MATRIX -> Channel.MATRIX;
      case CONSOLE -> Channel.CONSOLE;
    };
    return new Actor(channel, ctx.actorId());
  }
}
