package dev.vpnmanager.server.chat;

import dev.vpnmanager.chat.Keyboard;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.chat.router.CommandContext;
import dev.vpnmanager.chat.router.CommandHandler;
import dev.vpnmanager.chat.router.CommandSpec;
import dev.vpnmanager.chat.router.Role;
import dev.vpnmanager.server.runtime.ServerListing;
import dev.vpnmanager.server.runtime.ServerStatus;
import dev.vpnmanager.server.runtime.ServerStatuses;
import java.util.List;
import javax.inject.Inject;

/** /servers: every server with its state (unknown without a Docker engine), each a button that opens its card. */
public final class ServersCommand implements CommandHandler {
  private final ServerStatuses servers;

  @Inject
  public ServersCommand(ServerStatuses servers) {
    this.servers = servers;
  }

  @Override
  public CommandSpec spec() {
    return new CommandSpec("servers", Role.ADMIN, "servers and their state");
  }

  @Override
  public Reply handle(CommandContext ctx) {
    ServerListing listing = servers.listing();
    List<ServerStatus> all = listing.servers();
    if (all.isEmpty()) {
      return Reply.text(ServerTexts.t(ctx, "servers.none"));
    }
    Keyboard.Builder k = Keyboard.builder();
    for (ServerStatus s : all) {
      k.add((listing.stateUnknown() ? "❔" : ServerCard.icon(s)) + " " + s.name() + " · " + s.protocol() + " :"
          + s.port(), ctx.button("server", "card", Long.toString(servers.idOf(s.name())), false)).row();
    }
    String title = ServerTexts.t(ctx, "servers.title", all.size());
    if (listing.stateUnknown()) {
      title += "\n❔ " + ServerTexts.t(ctx, "servers.unknown", listing.engineProblem().get());
    }
    return Reply.menu(title, k.build(), false);
  }
}
