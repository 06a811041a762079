package dev.vpnmanager.server.chat;

import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.audit.Channel;
import dev.vpnmanager.chat.router.CommandContext;

/** The audit actor for a chat caller: channel from the platform, id as platform:user. */
final class ChatActor {
  private ChatActor() {}

  static Actor of(CommandContext ctx) {
    Channel channel = switch (ctx.update().platform()) {
      case TELEGRAM -> Channel.TELEGRAM;
      case MATRIX -> Channel.MATRIX;
      case CONSOLE -> Channel.CONSOLE;
    };
    return new Actor(channel, ctx.actorId());
  }
}
