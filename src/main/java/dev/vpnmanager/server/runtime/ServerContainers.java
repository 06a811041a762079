package dev.vpnmanager.server.runtime;

import dev.vpnmanager.docker.ContainerSpec;
import dev.vpnmanager.docker.PortMapping;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.audit.AuditLog;
import dev.vpnmanager.common.ConflictException;
import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.common.Names;
import dev.vpnmanager.common.OperationFailedException;
import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.docker.ContainerState;
import dev.vpnmanager.docker.DockerUnavailableException;
import dev.vpnmanager.docker.Images;
import dev.vpnmanager.domain.VpnServer;
import dev.vpnmanager.domain.VpnUser;
import dev.vpnmanager.event.EventBus;
import dev.vpnmanager.firewall.Firewall;
import dev.vpnmanager.protocol.ProtocolDriver;
import dev.vpnmanager.protocol.Protocols;
import dev.vpnmanager.server.ServerDefinitions;
import dev.vpnmanager.server.ServerEvent;
import dev.vpnmanager.storage.Tx;
import io.ebean.Transaction;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * A server's container lifecycle: install, start, stop, restart, remove, logs, status. Every (re)start builds
 * the container afresh from the database through the protocol's {@link ContainerPlanner}. A failed install
 * leaves no container, no database row and no firewall rule behind.
 */
@Singleton
public final class ServerContainers {
  static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final Tx tx;
  private final ServerDefinitions definitions;
  private final Protocols protocols;
  private final Map<String, ContainerPlanner> planners;
  private final ContainerRuntime runtime;
  private final Images images;
  private final PortPolicy ports;
  private final Firewall firewall;
  private final AuditLog audit;
  private final EventBus events;

  @Inject
  public ServerContainers(Tx tx, ServerDefinitions definitions, Protocols protocols,
                          Map<String, ContainerPlanner> planners, ContainerRuntime runtime, Images images,
                          PortPolicy ports, Firewall firewall, AuditLog audit, EventBus events) {
    this.tx = tx;
    this.definitions = definitions;
    this.protocols = protocols;
    this.planners = planners;
    this.runtime = runtime;
    this.images = images;
    this.ports = ports;
    this.firewall = firewall;
    this.audit = audit;
    this.events = events;
  }

  /** Deploys the named (or first undeployed, or a new) server of the protocol on a checked port. */
  public ServerStatus install(Actor actor, String protocol, String name, Integer port) {
    return install(actor, protocol, name, port, Map.of());
  }

  /**
   * Installs with definition options (e.g. {@code sni} for VLESS Reality). Options shape a new definition, so
   * with options an existing definition is never reused: name a new server or leave the name out.
   */
  public ServerStatus install(Actor actor, String protocol, String name, Integer port, Map<String, String> options) {
    ProtocolDriver driver = protocols.require(protocol);
    if (name != null) {
      Names.requireValid("server", name);
    }
    if (port != null && (port < 1 || port > 65535)) {
      throw new InvalidInputException("port must be from 1 to 65535, not " + port);
    }
    ContainerPlanner planner = planner(protocol);
    // every argument is checked before the first side effect (an image pull, a container, a row)
    if (!options.isEmpty()) {
      requireNew(null, name);
    }
    if (!options.isEmpty() || existingFor(null, protocol, name) == null) {
      definitions.checkNew(protocol, name, port, options);
    }
    String image = readyImage(protocol);
    Undo undo = new Undo();
    ServerStatus installed;
    try {
      installed = tx.write(txn -> {
        VpnServer s = options.isEmpty() ? existingFor(txn, protocol, name) : requireNew(txn, name);
        if (s != null) {
          if (port != null) {
            s.setPort(port);
          }
          ports.requireFree(txn, s.getPort(), planner.transports(), s.getName());
        } else {
          int p = ports.choose(txn, port, driver.defaultPort(), planner.transports());
          s = definitions.define(txn, actor, protocol, name != null ? name : nextName(txn, protocol), p, options);
        }
        deploy(txn, s, planner, image, undo);
        for (String t : planner.transports()) {
          int p = s.getPort();
          firewall.open(p, t);
          undo.add("close firewall " + p + "/" + t, () -> firewall.close(p, t));
        }
        audit.record(txn, actor, "server.install", s.getName(), protocol + " port " + s.getPort() + " image " + image);
        return status(s);
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
      return status(s);
    }
    return redeploy(actor, s, "server.start", ServerEvent.Kind.STARTED);
  }

  /** Rebuilds and starts the server's container (config rendered from the database again). */
  public ServerStatus restart(Actor actor, String name) {
    return redeploy(actor, definitions.require(name), "server.restart", ServerEvent.Kind.RESTARTED);
  }

  public ServerStatus stop(Actor actor, String name) {
    VpnServer s = definitions.require(name);
    container(s).ifPresent(c -> runtime.stop(c.id(), STOP_TIMEOUT));
    tx.run(txn -> {
      VpnServer fresh = reload(txn, s);
      fresh.setDeployed(false);
      tx.db().update(fresh, txn);
      audit.record(txn, actor, "server.stop", s.getName(), "");
    });
    ServerStatus stopped = status(definitions.require(name));
    events.publish(new ServerEvent(ServerEvent.Kind.STOPPED, stopped.name(), stopped.protocol()));
    return stopped;
  }

  /** Removes the container and its firewall rules; the definition goes too unless users still belong to it. */
  public String remove(Actor actor, String name) {
    VpnServer s = definitions.require(name);
    container(s).ifPresent(c -> runtime.remove(c.id()));
    ContainerPlanner planner = planners.get(s.getProtocol());
    for (String t : planner == null ? List.of("tcp", "udp") : planner.transports()) {
      firewall.close(s.getPort(), t);
    }
    ServerStatus before = status(s);
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

  public String logs(String name, int tail) {
    VpnServer s = definitions.require(name);
    ContainerState c = container(s).orElseThrow(() -> new OperationFailedException("server " + name
        + " has no container: run servers start " + name));
    return runtime.logs(c.id(), tail);
  }

  /** The name of the server with this id (chat buttons carry ids), if it still exists. */
  public Optional<String> nameOf(long id) {
    return Optional.ofNullable(tx.db().find(VpnServer.class, id)).map(VpnServer::getName);
  }

  /** The server's database id, for buttons. */
  public long idOf(String name) {
    return definitions.require(name).getId();
  }

  public ServerStatus status(String name) {
    return status(definitions.require(name));
  }

  public List<ServerStatus> list() {
    Map<String, ContainerState> byServer = new java.util.HashMap<>();
    for (ContainerState c : runtime.listManaged()) {
      if (c.server() != null) {
        byServer.putIfAbsent(c.server(), c);
      }
    }
    return definitions.list().stream().map(s -> new ServerStatus(s.getName(), s.getProtocol(), s.getHost(),
        s.getPort(), s.isDeployed(), Optional.ofNullable(byServer.get(s.getName())))).toList();
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

  private ServerStatus status(VpnServer s) {
    return new ServerStatus(s.getName(), s.getProtocol(), s.getHost(), s.getPort(), s.isDeployed(), container(s));
  }

  private ServerStatus redeploy(Actor actor, VpnServer s, String action, ServerEvent.Kind kind) {
    ContainerPlanner planner = planner(s.getProtocol());
    String image = readyImage(s.getProtocol());
    container(s).ifPresent(c -> runtime.remove(c.id()));
    Undo undo = new Undo();
    ServerStatus after;
    try {
      after = tx.write(txn -> {
        VpnServer fresh = reload(txn, s);
        ports.requireFree(txn, fresh.getPort(), planner.transports(), fresh.getName());
        deploy(txn, fresh, planner, image, undo);
        for (String t : planner.transports()) {
          firewall.open(fresh.getPort(), t);
        }
        audit.record(txn, actor, action, fresh.getName(), "image " + image);
        return status(fresh);
      });
    } catch (RuntimeException e) {
      undo.runAll(e);
      throw e;
    }
    events.publish(new ServerEvent(kind, after.name(), after.protocol()));
    return after;
  }

  private void deploy(Transaction txn, VpnServer s, ContainerPlanner planner, String image, Undo undo) {
    String containerName = ManagedContainer.name(s.getName());
    var spec = ContainerSpec.builder(s.getName(), containerName, image);
    for (String t : planner.transports()) {
      spec.port(new PortMapping(s.getPort(), s.getPort(), t, ""));
    }
    planner.plan(s, txn, spec);
    runtime.inspect(containerName).ifPresent(stale -> runtime.remove(stale.id()));
    String id = runtime.create(spec.build());
    undo.add("remove container " + containerName, () -> runtime.remove(id));
    runtime.start(id);
    ContainerWaiter.awaitUp(runtime, id, START_TIMEOUT);
    s.setDeployed(true);
    s.setContainerId(id);
    s.setDockerHost(runtime.endpoint());
    tx.db().update(s, txn);
  }

  private Optional<ContainerState> container(VpnServer s) {
    return ManagedContainer.of(runtime, s);
  }

  private ContainerPlanner planner(String protocol) {
    ContainerPlanner p = planners.get(protocol);
    if (p == null) {
      throw new OperationFailedException("servers of protocol " + protocol + " cannot be deployed yet: "
          + "no container plan is registered for it");
    }
    return p;
  }

  /** Checks the engine first (a clear error, nothing written), then makes sure the image is there. */
  private String readyImage(String protocol) {
    String image = images.forProtocol(protocol);
    runtime.engineVersion();
    if (!runtime.imagePresent(image)) {
      runtime.pull(image);
    }
    return image;
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
