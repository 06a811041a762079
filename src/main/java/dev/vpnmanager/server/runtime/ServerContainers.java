package dev.vpnmanager.server.runtime;

import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.audit.AuditLog;
import dev.vpnmanager.common.ConflictException;
import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.common.Names;
import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.docker.ContainerState;
import dev.vpnmanager.docker.Images;
import dev.vpnmanager.domain.AuditEntry;
import dev.vpnmanager.domain.VpnServer;
import dev.vpnmanager.domain.VpnUser;
import dev.vpnmanager.event.EventBus;
import dev.vpnmanager.firewall.Firewall;
import dev.vpnmanager.node.NodeRuntimes;
import dev.vpnmanager.protocol.ProtocolDriver;
import dev.vpnmanager.protocol.Protocols;
import dev.vpnmanager.server.ServerDefinitions;
import dev.vpnmanager.server.ServerEvent;
import dev.vpnmanager.storage.StateStore;
import dev.vpnmanager.storage.Tx;
import io.ebean.Transaction;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The write side of a server's container lifecycle: install, start, stop, restart, remove. Every (re)start builds
 * the container afresh from the database through the protocol's {@link ContainerPlanner}. A failed install
 * leaves no container, no database row and no firewall rule behind; one cut by a kill is undone by the
 * {@link InstallJournal}. The read side (status, listing, logs) is {@link ServerStatuses}, the ports
 * {@link ServerFirewall}.
 */
@Singleton
public final class ServerContainers {
  static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  /** The install option placing a new server on a node ({@code servers install ... --node NAME}). */
  public static final String NODE_OPTION = "node";
  /** The protocols whose live changes and counters work on a remote node (xray api, wg: by docker exec). */
  static final List<String> REMOTE_READY = List.of("vless", "http", "socks", "shadowsocks", "wireguard");
  /** The install option choosing a server's core ({@code servers install ... --core CORE}). */
  public static final String CORE_OPTION = "core";
  /** The core of vless, http, socks and shadowsocks servers on a remote node: Xray, whose CLI docker exec runs. */
  static final String REMOTE_CORE = "xray";

  private final Tx tx;
  private final ServerDefinitions definitions;
  private final Protocols protocols;
  private final Map<String, ContainerPlanner> planners;
  private final NodeRuntimes nodes;
  private final Images images;
  private final PortPolicy ports;
  private final ServerFirewall firewall;
  private final ServerStatuses statuses;
  private final AuditLog audit;
  private final EventBus events;
  private final InstallJournal journal;
  private final ServerCores cores;

  /** One engine only: the local node (tests that wire the lifecycle by hand). */
  public ServerContainers(Tx tx, ServerDefinitions definitions, Protocols protocols,
                          Map<String, ContainerPlanner> planners, ContainerRuntime runtime, Images images,
                          PortPolicy ports, Firewall firewall, AuditLog audit, EventBus events) {
    this(tx, definitions, protocols, planners, new NodeRuntimes(runtime, tx.db(), Path.of("/nonexistent"),
        Clock.systemUTC()), images, ports, new ServerFirewall(firewall), audit, events);
  }

  private ServerContainers(Tx tx, ServerDefinitions definitions, Protocols protocols,
                           Map<String, ContainerPlanner> planners, NodeRuntimes nodes, Images images,
                           PortPolicy ports, ServerFirewall firewall, AuditLog audit, EventBus events) {
    this(tx, definitions, protocols, planners, nodes, images, ports, firewall,
        new ServerStatuses(tx, definitions, planners, nodes), audit, events,
        new InstallJournal(tx, new StateStore(tx), nodes, firewall, planners, audit, Clock.systemUTC()));
  }

  @Inject
  public ServerContainers(Tx tx, ServerDefinitions definitions, Protocols protocols,
                          Map<String, ContainerPlanner> planners, NodeRuntimes nodes, Images images,
                          PortPolicy ports, ServerFirewall firewall, ServerStatuses statuses, AuditLog audit,
                          EventBus events, InstallJournal journal) {
    this.tx = tx;
    this.definitions = definitions;
    this.protocols = protocols;
    this.planners = planners;
    this.nodes = nodes;
    this.images = images;
    this.ports = ports;
    this.firewall = firewall;
    this.statuses = statuses;
    this.audit = audit;
    this.events = events;
    this.journal = journal;
    this.cores = new ServerCores(protocols, definitions);
  }

  /** Deploys the named (or first undeployed, or a new) server of the protocol on a checked port. */
  public ServerStatus install(Actor actor, String protocol, String name, Integer port) {
    return install(actor, protocol, name, port, Map.of());
  }

  /**
   * Installs with definition options (e.g. {@code sni} for VLESS Reality). Options shape a new definition, so
   * with options an existing definition is never reused: name a new server or leave the name out. A core the
   * protocol or node does not allow ({@link #cores}) is refused first: {@link CoreNotAllowedException}.
   */
  public ServerStatus install(Actor actor, String protocol, String name, Integer port, Map<String, String> options) {
    ProtocolDriver driver = protocols.require(protocol);
    Map<String, String> opts = new LinkedHashMap<>(options);
    String node = opts.remove(NODE_OPTION);
    if (!NodeRuntimes.isLocal(node)) {
      Names.requireValid("node", node);
      nodes.find(node).orElseThrow(() -> new InvalidInputException("no node '" + node + "': see nodes list"));
    }
    cores.check(protocol, node, opts);
    if (!NodeRuntimes.isLocal(node) && !REMOTE_READY.contains(protocol)) {
      throw new InvalidInputException(protocol + " servers cannot run on a remote node yet (their live changes "
          + "and counters reach only the local engine): use one of " + String.join(", ", REMOTE_READY));
    }
    options = opts;
    if (name != null) {
      Names.requireValid("server", name);
    }
    if (port != null && (port < 1 || port > 65535)) {
      throw new InvalidInputException("port must be from 1 to 65535, not " + port);
    }
    ContainerPlanner planner = ContainerPlanner.require(planners, protocol);
    // every argument is checked before the first side effect (an image pull, a container, a row)
    if (!options.isEmpty() || !NodeRuntimes.isLocal(node)) {
      requireNew(null, name);
    }
    if (!options.isEmpty() || existingFor(null, protocol, name) == null) {
      definitions.checkNew(protocol, name, port, options);
    }
    ContainerRuntime runtime = nodes.runtime(node);
    VpnServer existing = options.isEmpty() && NodeRuntimes.isLocal(node) ? existingFor(null, protocol, name) : null;
    String image = readyImage(runtime, protocol, existing != null ? core(existing)
        : definitions.option(protocol, CORE_OPTION, options));
    Undo undo = new Undo();
    ServerStatus installed;
    Map<String, String> defOptions = options;
    try {
      // 1. reserve, in one short transaction: the definition (new or existing), its port and the container plan
      boolean[] created = {false};
      Integer[] oldPort = {null};
      PlannedContainer planned = tx.write(txn -> {
        VpnServer s = defOptions.isEmpty() && NodeRuntimes.isLocal(node) ? existingFor(txn, protocol, name)
            : requireNew(txn, name);
        if (s != null) {
          if (port != null && port != s.getPort()) {
            oldPort[0] = s.getPort();
            s.setPort(port);
            tx.db().update(s, txn);
          }
          ports.requireFree(txn, s.getNode(), s.getPort(), planner.transports(), s.getName());
        } else {
          int p = ports.choose(txn, node, port, driver.defaultPort(), planner.transports());
          s = definitions.define(txn, actor, protocol, name != null ? name : nextName(txn, protocol), p, defOptions);
          created[0] = true;
          if (!NodeRuntimes.isLocal(node)) {
            s.setNode(node);
            s.setHost(nodes.find(node).orElseThrow().getPublicHost());
            tx.db().update(s, txn);
          }
        }
        PlannedContainer p = PlannedContainer.plan(txn, s, planner, image);
        // a process killed from here to the record leaves this row: the next start removes what it made
        journal.begin(txn, s, created[0], oldPort[0]);
        return p;
      });
      VpnServer reserved = planned.server();
      undo.add("end the install journal of " + reserved.getName(), () -> journal.end(reserved.getName()));
      if (created[0]) {
        undo.add("forget the new definition " + reserved.getName(), () -> forget(reserved.getName()));
      } else if (oldPort[0] != null) {
        int was = oldPort[0];
        undo.add("put back the port of " + reserved.getName(), () -> tx.run(txn -> {
          VpnServer fresh = reload(txn, reserved);
          fresh.setPort(was);
          tx.db().update(fresh, txn);
        }));
      }
      // 2. deploy, with no transaction open: the container (waiting up to a minute for it) and the firewall
      String id = planned.start(nodes.forServer(planned.server()), START_TIMEOUT, undo);
      firewall.open(reserved, planner.transports(), undo);
      // 3. record, in a second short transaction
      installed = tx.write(txn -> {
        VpnServer fresh = reload(txn, reserved);
        markDeployed(txn, fresh, id, nodes.forServer(fresh));
        journal.end(txn, fresh.getName());
        audit.record(txn, actor, "server.install", fresh.getName(), protocol + " port " + fresh.getPort()
            + " image " + image);
        return statuses.status(fresh);
      });
    } catch (RuntimeException e) {
      undo.runAll(e);
      throw e;
    }
    events.publish(new ServerEvent(ServerEvent.Kind.INSTALLED, installed.name(), installed.protocol()));
    return installed;
  }



  /** Starts a server, rebuilding its container from the database; does nothing when it is running. */
  public ServerStatus start(Actor actor, String name) {
    VpnServer s = definitions.require(name);
    Optional<ContainerState> c = container(s);
    if (s.isDeployed() && c.isPresent() && c.get().running()) {
      return statuses.status(s);
    }
    return redeploy(actor, s, "server.start", ServerEvent.Kind.STARTED);
  }

  /** Rebuilds and starts the server's container (config rendered from the database again). */
  public ServerStatus restart(Actor actor, String name) {
    return redeploy(actor, definitions.require(name), "server.restart", ServerEvent.Kind.RESTARTED);
  }

  public ServerStatus stop(Actor actor, String name) {
    VpnServer s = definitions.require(name);
    container(s).ifPresent(c -> nodes.forServer(s).stop(c.id(), STOP_TIMEOUT));
    tx.run(txn -> {
      VpnServer fresh = reload(txn, s);
      fresh.setDeployed(false);
      tx.db().update(fresh, txn);
      audit.record(txn, actor, "server.stop", s.getName(), "");
    });
    ServerStatus stopped = statuses.status(definitions.require(name));
    events.publish(new ServerEvent(ServerEvent.Kind.STOPPED, stopped.name(), stopped.protocol()));
    return stopped;
  }

  /** Removes the container and its firewall rules; the definition goes too unless users still belong to it. */
  public String remove(Actor actor, String name) {
    VpnServer s = definitions.require(name);
    container(s).ifPresent(c -> nodes.forServer(s).remove(c.id()));
    firewall.close(s, ContainerPlanner.transportsOf(planners, s.getProtocol()));
    ServerStatus before = statuses.status(s);
    String message = tx.write(txn -> {
      VpnServer fresh = reload(txn, s);
      int users = tx.db().find(VpnUser.class).usingTransaction(txn).where().eq("server", fresh).findCount();
      audit.record(txn, actor, "server.remove", s.getName(), users + " users");
      if (users == 0) {
        tx.db().delete(fresh, txn);
        return "server " + name + " removed";
      }
      fresh.setDeployed(false);
      fresh.setContainerId(null);
      tx.db().update(fresh, txn);
      return "container of server " + name + " removed; its definition stays for its " + users + " users";
    });
    events.publish(new ServerEvent(ServerEvent.Kind.REMOVED, before.name(), before.protocol()));
    return message;
  }

  private ServerStatus redeploy(Actor actor, VpnServer s, String action, ServerEvent.Kind kind) {
    ContainerPlanner planner = ContainerPlanner.require(planners, s.getProtocol());
    ContainerRuntime runtime = nodes.forServer(s);
    String image = readyImage(runtime, s.getProtocol(), core(s));
    container(s).ifPresent(c -> runtime.remove(c.id()));
    Undo undo = new Undo();
    ServerStatus after;
    try {
      // plan in a short transaction (the config from the database), deploy with none open, then record
      PlannedContainer planned = tx.write(txn -> {
        VpnServer fresh = reload(txn, s);
        ports.requireFree(txn, fresh.getNode(), fresh.getPort(), planner.transports(), fresh.getName());
        return PlannedContainer.plan(txn, fresh, planner, image);
      });
      String id = planned.start(nodes.forServer(planned.server()), START_TIMEOUT, undo);
      firewall.reopen(s, planner.transports());
      after = tx.write(txn -> {
        VpnServer fresh = reload(txn, s);
        markDeployed(txn, fresh, id, runtime);
        audit.record(txn, actor, action, fresh.getName(), "image " + image);
        return statuses.status(fresh);
      });
    } catch (RuntimeException e) {
      undo.runAll(e);
      throw e;
    }
    events.publish(new ServerEvent(kind, after.name(), after.protocol()));
    return after;
  }

  private void markDeployed(Transaction txn, VpnServer s, String id, ContainerRuntime runtime) {
    s.setDeployed(true);
    s.setContainerId(id);
    s.setDockerHost(runtime.endpoint());
    tx.db().update(s, txn);
  }

  /** Undoes a definition an install made, with its audit line: a failed install leaves the database as it was. */
  private void forget(String name) {
    tx.run(txn -> {
      tx.db().find(VpnServer.class).usingTransaction(txn).where().eq("name", name).delete();
      tx.db().find(AuditEntry.class).usingTransaction(txn).where().eq("action", "server.define")
          .eq("target", name).delete();
    });
  }

  private Optional<ContainerState> container(VpnServer s) {
    return statuses.container(s);
  }

  /** Checks the engine first (a clear error, nothing written), then makes sure the image is there. */
  private String readyImage(ContainerRuntime runtime, String protocol, String core) {
    String image = images.forProtocol(protocol, core);
    runtime.engineVersion();
    if (!runtime.imagePresent(image)) {
      runtime.pull(image);
    }
    return image;
  }

  /** The cores a new server of the protocol may run on, on the node (null: this machine), the default first. */
  public List<String> cores(String protocol, String node) {
    return cores.allowed(protocol, node);
  }

  /** The core in a server's settings (null for protocols with one core). */
  public static String core(VpnServer s) {
    return dev.vpnmanager.protocol.Credentials.fromJson(s.getSettings()).get(CORE_OPTION);
  }

  private VpnServer requireNew(Transaction txn, String name) {
    var q = txn == null ? tx.db().find(VpnServer.class) : tx.db().find(VpnServer.class).usingTransaction(txn);
    if (name != null && q.where().eq("name", name).exists()) {
      throw new ConflictException("server '" + name + "' is defined already and its settings are fixed: "
          + "give a new --name to install a server with these options");
    }
    return null;
  }

  private VpnServer existingFor(Transaction txn, String protocol, String name) {
    var q = (txn == null ? tx.db().find(VpnServer.class) : tx.db().find(VpnServer.class).usingTransaction(txn))
        .where();
    VpnServer s = name != null ? q.eq("name", name).findOne()
        : q.eq("protocol", protocol).eq("deployed", false).orderBy("id").setMaxRows(1).findOne();
    if (s == null) {
      return null;
    }
    if (!s.getProtocol().equals(protocol)) {
      throw new InvalidInputException("server '" + name + "' runs " + s.getProtocol() + ", not " + protocol);
    }
    if (s.isDeployed()) {
      throw new ConflictException("server '" + s.getName() + "' is installed already: use servers start|restart");
    }
    return s;
  }

  private String nextName(Transaction txn, String protocol) {
    for (int i = 1; ; i++) {
      String candidate = protocol + "-" + i;
      if (tx.db().find(VpnServer.class).usingTransaction(txn).where().eq("name", candidate).findCount() == 0) {
        return candidate;
      }
    }
  }

  private VpnServer reload(Transaction txn, VpnServer s) {
    return tx.db().find(VpnServer.class).usingTransaction(txn).where().idEq(s.getId()).findOne();
  }
}
