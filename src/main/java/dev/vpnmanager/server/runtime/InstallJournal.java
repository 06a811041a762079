package dev.vpnmanager.server.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.audit.AuditLog;
import dev.vpnmanager.config.Json;
import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.domain.AuditEntry;
import dev.vpnmanager.domain.VpnServer;
import dev.vpnmanager.domain.VpnUser;
import dev.vpnmanager.firewall.Firewall;
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
 * {@code install:NAME} (who installs, whether the definition is new, the port it replaced), the recording
 * transaction deletes it, and so does the undo of a failed install. A row left behind is an install whose process
 * died between the two (kill -9, a power cut): its container was maybe created and never recorded. {@link #recover}
 * (on {@code serve}'s start and with every reconcile) removes that container, closes the ports it opened and undoes
 * the reservation, so no orphan container and no half server remain. An install whose process still runs is left
 * alone: on this machine the owner's pid and start time tell, elsewhere (two managers on one PostgreSQL) its
 * deadline does.
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
  private final Firewall firewall;
  private final Map<String, ContainerPlanner> planners;
  private final AuditLog audit;
  private final Clock clock;

  @Inject
  public InstallJournal(Tx tx, StateStore state, NodeRuntimes nodes, Firewall firewall,
                        Map<String, ContainerPlanner> planners, AuditLog audit, Clock clock) {
    this.tx = tx;
    this.state = state;
    this.nodes = nodes;
    this.firewall = firewall;
    this.planners = planners;
    this.audit = audit;
    this.clock = clock;
  }

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

  /**
   * Undoes every install whose process died before it recorded the server: removes its container, closes the
   * firewall ports it opened, forgets the new definition (or puts the old port back) and deletes the row. Returns
   * the servers cleaned up; an engine that does not answer leaves the row for the next try.
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
      }
    }
    return done;
  }

  private void undo(String server, JsonNode v, String row) {
    String node = v.path("node").isTextual() ? v.path("node").asText() : null;
    VpnServer s = tx.db().find(VpnServer.class).where().eq("name", server).findOne();
    ContainerRuntime runtime = nodes.runtime(node);
    // the container a dead install created: never the one a later, recorded install or restart owns
    String keep = s != null && s.isDeployed() ? s.getContainerId() : null;
    runtime.inspect(ManagedContainer.name(server)).filter(c -> server.equals(c.server()))
        .filter(c -> keep == null || !c.id().equals(keep)).ifPresent(c -> runtime.remove(c.id()));
    int port = v.path("port").asInt();
    boolean deployedNow = s != null && s.isDeployed();
    // the ports the install opened, unless another deployed server of this host listens there now
    boolean portInUse = tx.db().find(VpnServer.class).where().eq("port", port).eq("deployed", true)
        .ne("name", server).findList().stream().anyMatch(o -> NodeRuntimes.isLocal(o.getNode()));
    if (NodeRuntimes.isLocal(node) && !deployedNow && !portInUse) {
      ContainerPlanner planner = planners.get(v.path("protocol").asText());
      for (String t : planner == null ? List.of("tcp", "udp") : planner.transports()) {
        firewall.close(port, t);
      }
    }
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
          "an install cut short (its process died): container removed; " + result);
      return result;
    });
    if (what != null) {
      LOG.warn("server {}: an install was cut short (its process died); its container was removed and {}", server,
          what);
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
