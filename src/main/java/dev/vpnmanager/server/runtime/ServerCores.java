package dev.vpnmanager.server.runtime;

import dev.vpnmanager.common.Names;
import dev.vpnmanager.node.NodeRuntimes;
import dev.vpnmanager.protocol.Protocols;
import dev.vpnmanager.server.ServerDefinitions;
import java.util.List;
import java.util.Map;

/**
 * Which cores a new server may run on, the one home of that rule for {@code servers install --core} and the
 * chat's {@code /install ... core=}: the protocol's own (its driver's list; none for a protocol with a single
 * core), and on a remote node only Xray, whose {@code xray api} live changes run through docker exec (v2ray 4 has
 * no such CLI; ss-manager's control channel is reachable only inside the node).
 */
final class ServerCores {
  private final Protocols protocols;
  private final ServerDefinitions definitions;

  ServerCores(Protocols protocols, ServerDefinitions definitions) {
    this.protocols = protocols;
    this.definitions = definitions;
  }

  /** The cores a new server of the protocol may run on, on the node (null or local: this machine). */
  List<String> allowed(String protocol, String node) {
    List<String> all = protocols.require(protocol).cores();
    return NodeRuntimes.isLocal(node) || !all.contains(ServerContainers.REMOTE_CORE) ? all
        : List.of(ServerContainers.REMOTE_CORE);
  }

  /**
   * Refuses a core the protocol or node does not allow, before any side effect: the explicit {@code core} option,
   * and on a remote node also the configured one ({@code PROTOCOL.core}). Shadowsocks on a remote node without an
   * explicit core gets Xray's (its default core, ss-libev, cannot run there) in {@code options}.
   */
  void check(String protocol, String node, Map<String, String> options) {
    String core = options.get(ServerContainers.CORE_OPTION);
    if (core != null && !allowed(protocol, node).contains(core)) {
      throw refused(protocol, core, node);
    }
    if (NodeRuntimes.isLocal(node) || allowed(protocol, node).isEmpty()) {
      return;
    }
    if ("shadowsocks".equals(protocol)) {
      options.putIfAbsent(ServerContainers.CORE_OPTION, ServerContainers.REMOTE_CORE);
    }
    String configured = definitions.option(protocol, ServerContainers.CORE_OPTION, options);
    if (configured != null && !ServerContainers.REMOTE_CORE.equals(configured)) {
      throw refused(protocol, configured, node);
    }
  }

  private CoreNotAllowedException refused(String protocol, String core, String node) {
    List<String> allowed = allowed(protocol, node);
    String shown = Names.printable(core);
    String message;
    if (allowed.isEmpty()) {
      List<String> choosing = protocols.ids().stream().filter(p -> !protocols.require(p).cores().isEmpty()).toList();
      message = "--core applies to " + either(choosing, "and") + " servers, not " + protocol;
    } else if (NodeRuntimes.isLocal(node)) {
      message = "unknown " + protocol + " core '" + shown + "': expected " + either(allowed, "or");
    } else if ("shadowsocks".equals(protocol)) {
      message = "shadowsocks on a remote node runs on the xray core only, not '" + shown + "' (ss-manager's "
          + "control channel is reachable only inside the node): leave --core out or give --core xray";
    } else {
      message = protocol + " on a remote node runs on the xray core only, not '" + shown + "' (v2ray 4 has no CLI "
          + "for live changes through docker exec): give --core xray";
    }
    return new CoreNotAllowedException(message, protocol, core, allowed);
  }

  /** "a, b or c". */
  private static String either(List<String> items, String last) {
    int n = items.size();
    return n <= 1 ? String.join("", items)
        : String.join(", ", items.subList(0, n - 1)) + " " + last + " " + items.get(n - 1);
  }
}
