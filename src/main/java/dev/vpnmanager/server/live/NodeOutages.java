package dev.vpnmanager.server.live;

import dev.vpnmanager.node.NodeRuntimes;
import dev.vpnmanager.notify.Alerts;
import dev.vpnmanager.common.OperationFailedException;
import dev.vpnmanager.storage.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the remote nodes' engines. A node that stops answering opens an outage (a state row with its start) and
 * alerts the admins once, keyed by node and start; while it lasts its servers are left out of the jobs (state
 * unknown), which carry on with the other nodes. When it answers again the admins hear it once more and reconcile
 * runs at once: users changed meanwhile (or lost when the engine restarted the core) are put right. Counters need
 * nothing: the collector's epochs (the container's start time) take a restarted core's counters from zero.
 */
@Singleton
public final class NodeOutages {
  private static final Logger LOG = LoggerFactory.getLogger(NodeOutages.class);
  private final NodeRuntimes nodes;
  private final StateStore state;
  private final Alerts alerts;
  private final Reconciler reconciler;
  private final Clock clock;

  @Inject
  public NodeOutages(NodeRuntimes nodes, StateStore state, Alerts alerts, Reconciler reconciler, Clock clock) {
    this.nodes = nodes;
    this.state = state;
    this.alerts = alerts;
    this.reconciler = reconciler;
    this.clock = clock;
  }

  /** Checks every remote node; returns the names of those that do not answer now. */
  public List<String> check() {
    List<String> down = new ArrayList<>();
    boolean healed = false;
    for (String node : nodes.names()) {
      if (NodeRuntimes.isLocal(node)) {
        continue;
      }
      String key = "node.down." + node;
      Optional<String> open = state.get(key);
      Instant now = clock.instant();
      try {
        nodes.runtime(node).engineVersion();
        if (open.isPresent()) {
          long minutes = Math.max(1, Duration.between(Instant.parse(open.get()), now).toMinutes());
          alerts.raise("node-up:" + node + ":" + open.get(), Alerts.ADMINS, "admin.node-up", node,
              Long.toString(minutes));
          state.remove(key);
          healed = true;
          LOG.info("node {} answers again", node);
        }
      } catch (OperationFailedException e) {
        down.add(node);
        String start = open.orElseGet(() -> {
          state.put(key, now.toString());
          return now.toString();
        });
        alerts.raise("node-down:" + node + ":" + start, Alerts.ADMINS, "admin.node-down", node,
            String.valueOf(e.getMessage()));
      }
    }
    if (healed) {
      reconciler.reconcile();
    }
    return down;
  }
}
