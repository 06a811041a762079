package dev.vpnmanager.server.chat;

import dev.vpnmanager.audit.chat.ChatActors;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.chat.router.CommandContext;
import dev.vpnmanager.chat.router.CommandHandler;
import dev.vpnmanager.chat.router.CommandSpec;
import dev.vpnmanager.chat.router.Role;
import dev.vpnmanager.common.Names;
import dev.vpnmanager.server.runtime.CoreNotAllowedException;
import dev.vpnmanager.server.runtime.ServerContainers;
import dev.vpnmanager.server.runtime.ServerStatus;
import dev.vpnmanager.server.runtime.ServerStatuses;
import java.util.Locale;
import java.util.Map;
import javax.inject.Inject;

/**
 * /install PROTOCOL [PORT] [core=CORE]: deploys a server (as {@code servers install PROTOCOL --port N --core
 * CORE}) and answers with its card. Which cores a protocol allows is the service's to decide (it refuses with
 * {@link CoreNotAllowedException} before any side effect); this only reads the words and words the refusal in the
 * chat's language.
 */
public final class InstallCommand implements CommandHandler {
  private static final String CORE_PREFIX = ServerContainers.CORE_OPTION + "=";
  private final ServerContainers servers;
  private final ServerStatuses statuses;

  @Inject
  public InstallCommand(ServerContainers servers, ServerStatuses statuses) {
    this.servers = servers;
    this.statuses = statuses;
  }

  @Override
  public CommandSpec spec() {
    return new CommandSpec("install", Role.ADMIN, "PROTOCOL [PORT] [core=CORE]", "install a server in Docker");
  }

  @Override
  public Reply handle(CommandContext ctx) {
    Integer port = null;
    String core = null;
    for (String word : ctx.args().subList(1, ctx.args().size())) {
      if (port == null && core == null && word.matches("\\d{1,5}")) {
        port = Integer.parseInt(word);
      } else if (core == null && word.toLowerCase(Locale.ROOT).startsWith(CORE_PREFIX)) {
        core = word.substring(CORE_PREFIX.length()).toLowerCase(Locale.ROOT);
      } else {
        return warning(ctx, "install.badArgument", Names.printable(word), spec().usage());
      }
    }
    String protocol = ctx.arg(0).toLowerCase(Locale.ROOT);
    ServerStatus s;
    try {
      s = servers.install(ChatActors.of(ctx), protocol, null, port,
          core == null ? Map.of() : Map.of(ServerContainers.CORE_OPTION, core));
    } catch (CoreNotAllowedException e) {
      return e.allowed().isEmpty() ? warning(ctx, "install.oneCore", e.protocol())
          : warning(ctx, "install.badCore", e.protocol(), Names.printable(e.core()), String.join(", ", e.allowed()));
    }
    return ServerCard.of(ctx, statuses.idOf(s.name()), s, false)
        .and(new Reply.Notice(ServerTexts.t(ctx, "notice.installed")));
  }

  private static Reply warning(CommandContext ctx, String key, Object... args) {
    return Reply.text("⚠️ " + ServerTexts.t(ctx, key, args));
  }
}
