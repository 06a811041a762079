package dev.vpnmanager.server.runtime;

import dev.vpnmanager.common.OperationFailedException;
import dev.vpnmanager.docker.ContainerState;
import dev.vpnmanager.docker.DockerUnavailableException;
import dev.vpnmanager.domain.VpnServer;
import dev.vpnmanager.node.NodeRuntimes;
import dev.vpnmanager.server.ServerDefinitions;
import dev.vpnmanager.storage.Tx;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The read side of the servers' containers: a server's status, the listing of all of them (one engine call per
 * node; a node that does not answer shows its servers as unknown), logs, and the ids chat buttons carry. Changes
 * nothing; {@link ServerContainers} is the write side.
 */
@Singleton
public final class ServerStatuses {
  private final Tx tx;
  private final ServerDefinitions definitions;
  private final Map<String, ContainerPlanner> planners;
  private final NodeRuntimes nodes;

  @Inject
  public ServerStatuses(Tx tx, ServerDefinitions definitions, Map<String, ContainerPlanner> planners,
                        NodeRuntimes nodes) {
    this.tx = tx;
    this.definitions = definitions;
    this.planners = planners;
    this.nodes = nodes;
  }

  public ServerStatus status(String name) {
    return status(definitions.require(name));
  }

  /** Every server; one listing per node, and the servers of a node that does not answer are shown as unknown. */
  public List<ServerStatus> list() {
    List<VpnServer> all = definitions.list();
    Map<String, Map<String, ContainerState>> byNode = new HashMap<>();
    for (String node : all.stream().map(VpnServer::getNode).distinct().toList()) {
      Map<String, ContainerState> byServer = new HashMap<>();
      try {
        for (ContainerState c : nodes.runtime(node).listManaged()) {
          if (c.server() != null) {
            byServer.putIfAbsent(c.server(), c);
          }
        }
        byNode.put(node, byServer);
      } catch (DockerUnavailableException e) {
        if (NodeRuntimes.isLocal(node)) {
          throw e;
        }
      }
    }
    return all.stream().map(s -> {
      Map<String, ContainerState> seen = byNode.get(s.getNode());
      return new ServerStatus(s.getName(), s.getProtocol(), s.getHost(), s.getPort(), s.isDeployed(),
          seen == null ? Optional.empty() : Optional.ofNullable(seen.get(s.getName())), s.getNode(), seen == null);
    }).toList();
  }

  /**
   * As {@link #list}, but an unreachable engine is not an error: the definitions come from the database and the
   * listing says that their container state is unknown (`servers list`, /servers).
   */
  public ServerListing listing() {
    try {
      return new ServerListing(list(), Optional.empty());
    } catch (DockerUnavailableException e) {
      List<ServerStatus> defined = definitions.list().stream().map(v -> new ServerStatus(v.getName(), v.getProtocol(),
          v.getHost(), v.getPort(), v.isDeployed(), Optional.<ContainerState>empty())).toList();
      return new ServerListing(defined, Optional.of(e.getMessage()));
    }
  }

  public String logs(String name, int tail) {
    VpnServer s = definitions.require(name);
    ContainerState c = container(s).orElseThrow(() -> new OperationFailedException("server " + name
        + " has no container: run servers start " + name));
    return nodes.forServer(s).logs(c.id(), tail);
  }

  /** The transports a protocol's server listens on (tcp, udp), for the ports an operator opens. */
  public List<String> transports(String protocol) {
    return ContainerPlanner.require(planners, protocol).transports();
  }

  /** The name of the server with this id (chat buttons carry ids), if it still exists. */
  public Optional<String> nameOf(long id) {
    return Optional.ofNullable(tx.db().find(VpnServer.class, id)).map(VpnServer::getName);
  }

  /** The server's database id, for buttons. */
  public long idOf(String name) {
    return definitions.require(name).getId();
  }

  /** The status of a loaded server; its remote node not answering makes it unknown, the local engine an error. */
  ServerStatus status(VpnServer s) {
    try {
      return new ServerStatus(s.getName(), s.getProtocol(), s.getHost(), s.getPort(), s.isDeployed(), container(s),
          s.getNode(), false);
    } catch (DockerUnavailableException e) {
      if (NodeRuntimes.isLocal(s.getNode())) {
        throw e;
      }
      return new ServerStatus(s.getName(), s.getProtocol(), s.getHost(), s.getPort(), s.isDeployed(),
          Optional.empty(), s.getNode(), true);
    }
  }

  Optional<ContainerState> container(VpnServer s) {
    return ManagedContainer.of(nodes.forServer(s), s);
  }
}
