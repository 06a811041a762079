package dev.vpnmanager.server.chat;

import dev.vpnmanager.audit.chat.ChatActors;
import dev.vpnmanager.chat.Keyboard;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.chat.router.CommandContext;
import dev.vpnmanager.chat.router.CommandHandler;
import dev.vpnmanager.chat.router.CommandSpec;
import dev.vpnmanager.chat.router.Role;
import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.server.runtime.KeyRotation;
import dev.vpnmanager.server.runtime.ServerContainers;
import dev.vpnmanager.server.runtime.ServerStatuses;
import java.util.List;
import javax.inject.Inject;

/**
 * /server NAME: one server's card; its buttons start, stop, restart the container, show its log, and rotate the
 * server's keys (after a confirm; the bound users get their new config).
 */
public final class ServerCommand implements CommandHandler {
  static final int LOG_LINES = 20;
  static final int MAX_TEXT = 3500;
  private final ServerContainers servers;
  private final ServerStatuses statuses;
  private final KeyRotation keys;

  @Inject
  public ServerCommand(ServerContainers servers, ServerStatuses statuses, KeyRotation keys) {
    this.servers = servers;
    this.statuses = statuses;
    this.keys = keys;
  }

  @Override
  public CommandSpec spec() {
    return new CommandSpec("server", Role.ADMIN, "NAME", "one server's card: start, stop, restart, logs");
  }

  @Override
  public Reply handle(CommandContext ctx) {
    String name = ctx.arg(0);
    return ServerCard.of(ctx, statuses.idOf(name), statuses.status(name), false);
  }

  @Override
  public Reply onButton(CommandContext ctx, String action, List<String> args) {
    if (args.size() != 1 || !args.get(0).matches("\\d{1,18}")) {
      return Reply.notice(ServerTexts.t(ctx, "button.invalid"));
    }
    long id = Long.parseLong(args.get(0));
    String name = statuses.nameOf(id).orElse(null);
    if (name == null) {
      return Reply.notice(ServerTexts.t(ctx, "server.gone"));
    }
    var actor = ChatActors.of(ctx);
    if ("stop".equals(action)) {
      // stopping cuts every user of the server off: one more press, on a one-shot button, to be sure
      Keyboard confirm = Keyboard.builder()
          .add(ServerTexts.t(ctx, "stop.yes", name), ctx.button("server", "stopok", args.get(0), true))
          .add(ServerTexts.t(ctx, "stop.cancel"), ctx.button("server", "card", args.get(0), false)).build();
      return Reply.menu(ServerTexts.t(ctx, "stop.ask", name), confirm,
          true);
    }
    if ("keys".equals(action)) {
      // new keys cut every user of the server off until they import the new config: confirm first
      int users = keys.check(name);
      Keyboard confirm = Keyboard.builder()
          .add(ServerTexts.t(ctx, "rotateKeys.yes", name), ctx.button("server", "keysok", args.get(0), true))
          .add(ServerTexts.t(ctx, "stop.cancel"), ctx.button("server", "card", args.get(0), false)).build();
      return Reply.menu(ServerTexts.t(ctx, "rotateKeys.ask", name, users), confirm, true);
    }
    if ("keysok".equals(action)) {
      KeyRotation.Result r = keys.rotate(actor, name);
      String done = r.restarted() ? ServerTexts.t(ctx, "rotateKeys.restarted", name)
          : r.restartError() != null ? ServerTexts.t(ctx, "rotateKeys.failed", name, r.restartError())
          : ServerTexts.t(ctx, "rotateKeys.undeployed", name);
      // no container lookup here: the keys are new whether or not the engine answers now
      return Reply.menu(done, Keyboard.builder()
          .add(ServerTexts.t(ctx, "card.refresh"), ctx.button("server", "card", args.get(0), false)).build(), true);
    }
    var status = switch (action) {
      case "card" -> statuses.status(name);
      case "start" -> servers.start(actor, name);
      case "stopok" -> servers.stop(actor, name);
      case "restart" -> servers.restart(actor, name);
      case "logs" -> null;
      default -> throw new InvalidInputException("unknown action");
    };
    if (status == null) {
      String logs = statuses.logs(name, LOG_LINES).strip();
      if (logs.length() > MAX_TEXT) {
        logs = "…" + logs.substring(logs.length() - MAX_TEXT);
      }
      return Reply.text(ServerTexts.t(ctx, "logs.title", LOG_LINES, name) + "\n" + (logs.isEmpty() ? ServerTexts.t(ctx, "logs.empty") : logs));
    }
    return ServerCard.of(ctx, id, status, true).and(new Reply.Notice(ServerTexts.t(ctx, "card".equals(action) ? "notice.refreshed" : "notice.done")));
  }
}
