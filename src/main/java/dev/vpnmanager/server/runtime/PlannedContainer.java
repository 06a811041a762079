package dev.vpnmanager.server.runtime;

import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.docker.ContainerSpec;
import dev.vpnmanager.docker.PortMapping;
import dev.vpnmanager.domain.VpnServer;
import io.ebean.Transaction;
import java.time.Duration;

/**
 * A server whose container is planned: the spec holds the config rendered from the database. Planned inside
 * the reserving transaction (the planner reads the users and may save settings), started with none open.
 */
record PlannedContainer(VpnServer server, ContainerSpec spec) {
  static PlannedContainer plan(Transaction txn, VpnServer s, ContainerPlanner planner, String image) {
    var spec = ContainerSpec.builder(s.getName(), ManagedContainer.name(s.getName()), image);
    for (String t : planner.transports()) {
      spec.port(new PortMapping(s.getPort(), s.getPort(), t, ""));
    }
    planner.plan(s, txn, spec);
    return new PlannedContainer(s, spec.build());
  }

  /** Creates and starts the container and waits until it is up (undo removes it); returns its id. */
  String start(ContainerRuntime runtime, Duration timeout, Undo undo) {
    String containerName = ManagedContainer.name(server.getName());
    runtime.inspect(containerName).ifPresent(stale -> runtime.remove(stale.id()));
    String id = runtime.create(spec);
    undo.add("remove container " + containerName, () -> runtime.remove(id));
    runtime.start(id);
    ContainerWaiter.awaitUp(runtime, id, timeout);
    return id;
  }
}
