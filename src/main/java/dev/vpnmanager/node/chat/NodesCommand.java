package dev.vpnmanager.node.chat;

import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.chat.i18n.Messages;
import dev.vpnmanager.chat.router.CommandContext;
import dev.vpnmanager.chat.router.CommandHandler;
import dev.vpnmanager.chat.router.CommandSpec;
import dev.vpnmanager.chat.router.Role;
import dev.vpnmanager.node.NodeRuntimes;
import dev.vpnmanager.node.NodeService;
import dev.vpnmanager.node.NodeStatus;
import java.util.List;
import javax.inject.Inject;

/**
 * /nodes: every node (local first) with its state, how many servers it holds and the host clients dial;
 * /nodes NAME: one node's status with its engine and its servers. In the main menu only once a remote node exists.
 */
public final class NodesCommand implements CommandHandler {
  static final Messages MESSAGES = new Messages("node");
  private final NodeService nodes;
  private final NodeRuntimes runtimes;

  @Inject
  public NodesCommand(NodeService nodes, NodeRuntimes runtimes) {
    this.nodes = nodes;
    this.runtimes = runtimes;
  }

  @Override
  public CommandSpec spec() {
    return new CommandSpec("nodes", Role.ADMIN, "[NAME]", "the Docker engines servers run on, and their state");
  }

  @Override
  public boolean inMenu() {
    return runtimes.names().size() > 1;
  }

  @Override
  public Reply handle(CommandContext ctx) {
    String name = ctx.arg(0);
    if (name != null) {
      if (!runtimes.names().contains(name)) {
        return Reply.text(t(ctx, "node.unknown", name));
      }
      return Reply.text(card(ctx, nodes.status(name)));
    }
    List<NodeStatus> all = nodes.list();
    StringBuilder b = new StringBuilder(t(ctx, "nodes.title", all.size()));
    for (NodeStatus n : all) {
      b.append('\n').append(t(ctx, "nodes.line", icon(n), n.name(), state(ctx, n), n.servers(), host(ctx, n)));
    }
    return Reply.text(b.append('\n').append(t(ctx, "nodes.hint")).toString());
  }

  private String card(CommandContext ctx, NodeStatus n) {
    String engine = n.reachable() ? t(ctx, "node.engine", n.engineVersion(), n.apiVersion(), n.endpoint())
        : t(ctx, "node.unreachable", n.endpoint(), n.error());
    List<String> on = nodes.servers(n.name());
    return t(ctx, "node.text", icon(n), n.name(), state(ctx, n), engine, host(ctx, n), on.size(),
        on.isEmpty() ? t(ctx, "node.none") : String.join(", ", on));
  }

  private static String icon(NodeStatus n) {
    return n.reachable() ? "🟢" : "🔴";
  }

  private static String state(CommandContext ctx, NodeStatus n) {
    return t(ctx, n.reachable() ? "nodes.up" : "nodes.down");
  }

  private static String host(CommandContext ctx, NodeStatus n) {
    return n.publicHost().isBlank() ? t(ctx, "nodes.thisHost") : n.publicHost();
  }

  private static String t(CommandContext ctx, String key, Object... args) {
    return MESSAGES.get(ctx.update().language(), key, args);
  }
}
