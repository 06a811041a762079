package dev.vpnmanager.server.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.audit.AuditLog;
import dev.vpnmanager.config.Json;
import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.domain.AuditEntry;
import dev.vpnmanager.domain.VpnServer;
import dev.vpnmanager.domain.VpnUser;
import dev.vpnmanager.node.NodeRuntimes;
import dev.vpnmanager.storage.StateStore;
import dev.vpnmanager.storage.Tx;
import io.ebean.Transaction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs in progress, in the database: the reserving transaction of {@code servers install} writes a state row
 * {@code install:NAME} (who installs, on which node, whether the definition is new, the port it replaced, and the
 * ports it opens in a remote node's firewall), the recording transaction deletes it, and so does the undo of a
 * failed install. A row left behind is an install whose process died between the two (kill -9, a power cut): its
 * container was maybe created and never recorded, its ports maybe opened. {@link #recover} (on {@code serve}'s
 * start and with every reconcile) removes that container on its node, closes the ports (on the manager's host with
 * the script, on a remote node with its helper container: closing is idempotent, so they are written before they
 * are opened) and undoes the reservation, so no orphan container, no open port and no half server remain. A node
 * that does not answer keeps the row for the next reconcile ({@link #entries} shows it, for doctor). An install
 * whose process still runs is left alone: on this machine the owner's pid and start time tell, elsewhere (two
 * managers on one PostgreSQL) its deadline does.
 */
@Singleton
public final class InstallJournal {
  static final String PREFIX = "install:";
  private static final Logger LOG = LoggerFactory.getLogger(InstallJournal.class);
  /** An install of another machine is taken for dead this long after it reserved (pull excluded: done before). */
  static final Duration DEADLINE = ServerContainers.START_TIMEOUT.plus(Duration.ofMinutes(5));
  private static final String BOOT_ID = bootId();

  private final Tx tx;
  private final StateStore state;
  private final NodeRuntimes nodes;
  private final ServerFirewall firewall;
  private final Map<String, ContainerPlanner> planners;
  private final AuditLog audit;
  private final Clock clock;

  @Inject
  public InstallJournal(Tx tx, StateStore state, NodeRuntimes nodes, ServerFirewall firewall,
                        Map<String, ContainerPlanner> planners, AuditLog audit, Clock clock) {
    this.tx = tx;
    this.state = state;
    this.nodes = nodes;
    this.firewall = firewall;
    this.planners = planners;
    this.audit = audit;
    this.clock = clock;
  }

  /** An install in the journal: in progress (its process runs), or cut short and not undone yet (and why). */
  public record Entry(String server, String node, List<String> nodePorts, boolean inProgress, String lastError) {}

  /** What an install in progress reserved: written in the reserving transaction. */
  void begin(Transaction txn, VpnServer s, boolean created, Integer oldPort) {
    ObjectNode v = Json.MAPPER.createObjectNode();
    v.put("server", s.getName());
    v.put("protocol", s.getProtocol());
    v.put("node", s.getNode());
    v.put("port", s.getPort());
    v.put("created", created);
    if (oldPort != null) {
      v.put("oldPort", oldPort);
    }
    ArrayNode opens = v.putArray("nodePorts");
    firewall.opensOnNode(s.getNode(), s.getPort(), ContainerPlanner.transportsOf(planners, s.getProtocol()))
        .forEach(opens::add);
    v.put("boot", BOOT_ID);
    ProcessHandle me = ProcessHandle.current();
    v.put("pid", me.pid());
    v.put("started", me.info().startInstant().map(Instant::toEpochMilli).orElse(0L));
    v.put("deadline", clock.instant().plus(DEADLINE).toEpochMilli());
    state.put(txn, PREFIX + s.getName(), v.toString());
  }

  /** The install is recorded (in its recording transaction) or undone. */
  void end(Transaction txn, String server) {
    state.remove(txn, PREFIX + server);
  }

  void end(String server) {
    state.remove(PREFIX + server);
  }

  /** Servers whose install is in progress or was cut short (for doctor and tests). */
  public List<String> pending() {
    return state.withPrefix(PREFIX).keySet().stream().map(k -> k.substring(PREFIX.length())).toList();
  }

  /** Every install in the journal with where it ran, the node ports it opens and why its undo failed last. */
  public List<Entry> entries() {
    List<Entry> out = new ArrayList<>();
    for (Map.Entry<String, String> e : state.withPrefix(PREFIX).entrySet()) {
      String server = e.getKey().substring(PREFIX.length());
      try {
        JsonNode v = Json.MAPPER.readTree(e.getValue());
        out.add(new Entry(server, node(v) == null ? NodeRuntimes.LOCAL : node(v), nodePorts(v), alive(v),
            v.path("lastError").isTextual() ? v.path("lastError").asText() : null));
      } catch (IOException | RuntimeException bad) {
        out.add(new Entry(server, NodeRuntimes.LOCAL, List.of(), false, "unreadable row"));
      }
    }
    return out;
  }

  /**
   * Undoes every install whose process died before it recorded the server: removes its container, closes the
   * firewall ports it opened, forgets the new definition (or puts the old port back) and deletes the row. Returns
   * the servers cleaned up; an engine (the install's node) that does not answer leaves the row for the next try,
   * with why on it (for doctor).
   */
  public synchronized List<String> recover() {
    List<String> done = new ArrayList<>();
    for (Map.Entry<String, String> e : state.withPrefix(PREFIX).entrySet()) {
      String server = e.getKey().substring(PREFIX.length());
      JsonNode v;
      try {
        v = Json.MAPPER.readTree(e.getValue());
      } catch (IOException | RuntimeException bad) {
        LOG.warn("install journal: unreadable row for server {}: dropped", server);
        state.remove(e.getKey());
        continue;
      }
      if (alive(v)) {
        continue;
      }
      try {
        undo(server, v, e.getValue());
        done.add(server);
      } catch (RuntimeException failed) {
        LOG.warn("install journal: the install of server {} was cut short and cannot be undone yet: {}", server,
            failed.getMessage());
        remember(e.getKey(), e.getValue(), v, failed.getMessage());
      }
    }
    return done;
  }

  /** Notes on the row why its undo failed (for doctor), unless the row changed meanwhile. */
  private void remember(String key, String row, JsonNode v, String why) {
    if (v == null || (why != null && why.equals(v.path("lastError").asText(null)))) {
      return; // unreadable (dropped above) or noted already
    }
    try {
      ObjectNode noted = ((ObjectNode) v.deepCopy()).put("lastError", why == null ? "unknown" : why);
      tx.run(txn -> {
        if (state.get(txn, key).filter(row::equals).isPresent()) {
          state.put(txn, key, noted.toString());
        }
      });
    } catch (RuntimeException e) {
      LOG.warn("install journal: could not note why {} failed: {}", key, e.getMessage());
    }
  }

  private static String node(JsonNode v) {
    return v.path("node").isTextual() ? v.path("node").asText() : null;
  }

  private static List<String> nodePorts(JsonNode v) {
    List<String> out = new ArrayList<>();
    v.path("nodePorts").forEach(p -> out.add(p.asText()));
    return out;
  }

  private void undo(String server, JsonNode v, String row) {
    String node = node(v);
    VpnServer s = tx.db().find(VpnServer.class).where().eq("name", server).findOne();
    ContainerRuntime runtime = nodes.runtime(node);
    // the container a dead install created: never the one a later, recorded install or restart owns
    String keep = s != null && s.isDeployed() ? s.getContainerId() : null;
    runtime.inspect(ManagedContainer.name(server)).filter(c -> server.equals(c.server()))
        .filter(c -> keep == null || !c.id().equals(keep)).ifPresent(c -> runtime.remove(c.id()));
    int port = v.path("port").asInt();
    boolean deployedNow = s != null && s.isDeployed();
    // the ports the install opened, unless another deployed server of the same node listens there now
    String where = NodeRuntimes.isLocal(node) ? NodeRuntimes.LOCAL : node;
    boolean portInUse = tx.db().find(VpnServer.class).where().eq("port", port).eq("deployed", true)
        .ne("name", server).findList().stream().anyMatch(o -> where.equals(o.getNode()));
    String manual = null;
    if (!deployedNow && !portInUse) {
      if (NodeRuntimes.isLocal(node)) {
        firewall.closeLocal(port, ContainerPlanner.transportsOf(planners, v.path("protocol").asText()));
      } else if (!nodePorts(v).isEmpty()) {
        manual = closeOnNode(runtime, node, nodePorts(v));
      }
    }
    String toDo = manual == null ? "" : "; " + manual;
    String what = tx.write(txn -> {
      if (!state.get(txn, PREFIX + server).filter(row::equals).isPresent()) {
        return null; // settled meanwhile
      }
      VpnServer fresh = tx.db().find(VpnServer.class).usingTransaction(txn).where().eq("name", server).findOne();
      String result = "nothing was recorded";
      if (fresh != null && !fresh.isDeployed()) {
        int users = tx.db().find(VpnUser.class).usingTransaction(txn).where().eq("server", fresh).findCount();
        if (v.path("created").asBoolean() && users == 0) {
          tx.db().delete(fresh, txn);
          tx.db().find(AuditEntry.class).usingTransaction(txn).where().eq("action", "server.define")
              .eq("target", server).delete();
          result = "the new definition was forgotten";
        } else if (v.hasNonNull("oldPort") && fresh.getPort() == port) {
          fresh.setPort(v.path("oldPort").asInt());
          tx.db().update(fresh, txn);
          result = "its port is " + fresh.getPort() + " again";
        } else {
          result = "the definition stays (" + users + " users)";
        }
      }
      end(txn, server);
      audit.record(txn, Actor.job("install-recovery"), "server.install.undone", server,
          "an install cut short (its process died): container removed; " + result + toDo);
      return result + toDo;
    });
    if (what != null) {
      LOG.warn("server {}: an install was cut short (its process died); its container was removed and {}", server,
          what);
    }
  }

  /**
   * Closes the ports a cut install opened on its node. A node that does not answer throws (the row stays for the
   * next try); one that answers but whose helper cannot change its firewall (or whose firewall is not the manager's
   * any more) leaves the rule to its operator: returned, for the log and the audit line.
   */
  private String closeOnNode(ContainerRuntime runtime, String node, List<String> ports) {
    try {
      return firewall.closeOnNode(node, ports).orElse(null);
    } catch (RuntimeException failed) {
      runtime.engineVersion(); // throws while the node does not answer: tried again at the next reconcile
      return "close " + String.join(", ", ports) + " on node " + node + " yourself (" + failed.getMessage() + ")";
    }
  }

  /** Whether the install's process may still be running. */
  private boolean alive(JsonNode v) {
    long deadline = v.path("deadline").asLong();
    if (!BOOT_ID.isEmpty() && BOOT_ID.equals(v.path("boot").asText())) {
      long pid = v.path("pid").asLong();
      long started = v.path("started").asLong();
      Optional<ProcessHandle> p = ProcessHandle.of(pid);
      return p.isPresent() && p.get().isAlive()
          && p.get().info().startInstant().map(Instant::toEpochMilli).orElse(0L) == started;
    }
    return clock.instant().toEpochMilli() < deadline;
  }

  private static String bootId() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip();
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
