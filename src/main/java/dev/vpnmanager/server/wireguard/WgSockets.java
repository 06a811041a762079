package dev.vpnmanager.server.wireguard;

import dev.vpnmanager.config.Settings;
import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.node.NodeRuntimes;
import dev.vpnmanager.protocol.ServerSpec;
import dev.vpnmanager.server.runtime.ManagedContainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a WireGuard server's UAPI socket shows up on the manager's side: DATA_DIR/run/wg-SERVER (mode 0700, the
 * manager's), bind-mounted at /var/run/wireguard in the server's container, where wireguard-go creates wg0.sock. Only
 * for an engine on a local unix socket (a remote engine's host directories are not ours). wireguard-go makes the
 * socket root's with mode 0700 and watches its attributes (a chown of it made wireguard-go exit), so it cannot be
 * handed over: only a manager running as root (or the uid the engine maps the container's root to) reaches it. When
 * the socket answers, live changes and counters go through it ({@link WgUapi}); otherwise through {@code docker exec}
 * ({@link WgPeers}): a remote engine, a container created before this, kernel WireGuard, a manager not running as
 * root, a manager that runs in a container of its own (the engine then binds a host path the manager does not see).
 * A server on a remote node is always reached by {@code docker exec} through its node's engine.
 */
@Singleton
public final class WgSockets {
  static final String CONTAINER_DIR = "/var/run/wireguard";
  private static final Logger LOG = LoggerFactory.getLogger(WgSockets.class);
  private final Path root;
  private final ContainerRuntime runtime;
  private final Function<String, ContainerRuntime> nodes;
  /** The running container of each remote server (node/server -> id), so a change costs no inspect round trip. */
  private final Map<String, String> remoteIds = new ConcurrentHashMap<>();

  @Inject
  public WgSockets(Settings settings, NodeRuntimes nodes) {
    this(settings.dataDir().resolve("run"), nodes.local(), nodes::runtime);
  }

  /** The local engine only (tests that wire the live layer by hand). */
  public WgSockets(Settings settings, ContainerRuntime runtime) {
    this(settings.dataDir().resolve("run"), runtime);
  }

  /** Sockets under {@code root} instead of the data dir's run/ (tests: a directory with no socket in it). */
  public WgSockets(Path root, ContainerRuntime runtime) {
    this(root, runtime, node -> runtime);
  }

  private WgSockets(Path root, ContainerRuntime runtime, Function<String, ContainerRuntime> nodes) {
    this.root = root;
    this.runtime = runtime;
    this.nodes = nodes;
  }

  /** The engine the server's container runs on (its node's). */
  ContainerRuntime runtime(ServerSpec server) {
    return NodeRuntimes.isLocal(server) ? runtime : nodes.apply(NodeRuntimes.nodeOf(server));
  }

  /** The socket path of the server, as the manager sees it. */
  public Path socket(String server) {
    return root.resolve("wg-" + server).resolve("wg0.sock");
  }

  /**
   * Creates the server's socket directory (0700) for a bind mount; empty when the engine is not on a local unix
   * socket or the server is on a remote node (that node's host directories are not the manager's).
   */
  Optional<Path> prepare(String server, String node) {
    if (!NodeRuntimes.isLocal(node) || !runtime.endpoint().startsWith("unix://")) {
      return Optional.empty();
    }
    Path dir = socket(server).getParent();
    try {
      for (Path d : new Path[] {root, dir}) {
        if (!Files.isDirectory(d)) {
          Files.createDirectories(d);
        }
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx------"));
      }
      return Optional.of(dir);
    } catch (IOException | RuntimeException e) {
      LOG.warn("no control socket directory for WireGuard server {} ({}): live changes will use docker exec", server,
          e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * The UAPI socket when wireguard-go answers on it, else {@code wg} in the running container; on a remote node
   * always {@code wg} in the container, through that node's engine.
   */
  WgControl control(ServerSpec spec) {
    String server = spec.name();
    if (!NodeRuntimes.isLocal(spec)) {
      ContainerRuntime remote = runtime(spec);
      String key = NodeRuntimes.nodeOf(spec) + "/" + server;
      String id = remoteIds.computeIfAbsent(key, k -> ManagedContainer.runningId(remote, server));
      return new WgPeers(remote, id, () -> {
        remoteIds.remove(key);
        String fresh = ManagedContainer.runningId(remote, server);
        remoteIds.put(key, fresh);
        return fresh;
      });
    }
    Path socket = socket(server);
    if (WgUapi.reachable(socket)) {
      return new WgUapi(socket, () -> ManagedContainer.runningId(runtime, server));
    }
    return new WgPeers(runtime, ManagedContainer.runningId(runtime, server));
  }
}
