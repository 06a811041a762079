package dev.vpnmanager.server.chat;

import dev.vpnmanager.audit.chat.ChatActors;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.chat.router.CommandContext;
import dev.vpnmanager.chat.router.CommandHandler;
import dev.vpnmanager.chat.router.CommandSpec;
import dev.vpnmanager.chat.router.Role;
import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.server.runtime.ServerContainers;
import dev.vpnmanager.server.runtime.ServerStatus;
import dev.vpnmanager.server.runtime.ServerStatuses;
import java.util.Locale;
import javax.inject.Inject;

/** /install PROTOCOL [PORT]: deploys a server and answers with its card. */
public final class InstallCommand implements CommandHandler {
  private final ServerContainers servers;
  private final ServerStatuses statuses;

  @Inject
  public InstallCommand(ServerContainers servers, ServerStatuses statuses) {
    this.servers = servers;
    this.statuses = statuses;
  }

  @Override
  public CommandSpec spec() {
    return new CommandSpec("install", Role.ADMIN, "PROTOCOL [PORT]", "install a server in Docker");
  }

  @Override
  public Reply handle(CommandContext ctx) {
    Integer port = null;
    if (ctx.arg(1) != null) {
      if (!ctx.arg(1).matches("\\d{1,5}")) {
        throw new InvalidInputException("port must be a number from 1 to 65535");
      }
      port = Integer.parseInt(ctx.arg(1));
    }
    ServerStatus s = servers.install(ChatActors.of(ctx), ctx.arg(0).toLowerCase(Locale.ROOT), null, port);
    return ServerCard.of(ctx, statuses.idOf(s.name()), s, false).and(new Reply.Notice(ServerTexts.t(ctx, "notice.installed")));
  }
}
