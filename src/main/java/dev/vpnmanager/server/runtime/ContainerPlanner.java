package dev.vpnmanager.server.runtime;

import dev.vpnmanager.common.OperationFailedException;
import dev.vpnmanager.docker.ContainerSpec;
import dev.vpnmanager.domain.VpnServer;
import io.ebean.Transaction;
import java.util.List;
import java.util.Map;

/**
 * What one protocol's server container runs: command, config files rendered from the database (the server's
 * keys and its users, read in {@code txn}), privileges and health check. One per protocol, bound into a Dagger
 * map keyed by protocol name ({@link ServerContainerModule}); the lifecycle never looks inside the config.
 */
public interface ContainerPlanner {
  /** The transports the server listens on at its port: "tcp", "udp" or both. */
  List<String> transports();

  /**
   * Fills in {@code container}, which already has the name, image, managed labels, restart policy and the
   * server's port published for every transport (same port inside the container).
   */
  void plan(VpnServer server, Transaction txn, ContainerSpec.Builder container);

  /** The protocol's planner; a clear failure when the protocol has none. */
  static ContainerPlanner require(Map<String, ContainerPlanner> planners, String protocol) {
    ContainerPlanner p = planners.get(protocol);
    if (p == null) {
      throw new OperationFailedException("servers of protocol " + protocol + " cannot be deployed yet: "
          + "no container plan is registered for it");
    }
    return p;
  }

  /** The transports of the protocol's servers, both when it has no planner (what to close when unsure). */
  static List<String> transportsOf(Map<String, ContainerPlanner> planners, String protocol) {
    ContainerPlanner p = planners.get(protocol);
    return p == null ? List.of("tcp", "udp") : p.transports();
  }
}
