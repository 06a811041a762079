package dev.vpnmanager.server.runtime;

import dev.vpnmanager.config.Settings;
import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.docker.ContainerSpec;
import dev.vpnmanager.docker.Labels;
import dev.vpnmanager.domain.VpnServer;
import dev.vpnmanager.node.NodeRuntimes;
import dev.vpnmanager.protocol.Credentials;
import io.ebean.Database;
import io.ebean.Transaction;
import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Unix sockets of the cores' management APIs (Xray/v2ray gRPC, ss-manager): DATA_DIR/run/api-SERVER, bind-mounted
 * into the server's container at the same path (the path in the core's config, in its health check and in the
 * manager's calls is one string; ss-manager answers to the path its client bound). Other local accounts never reach
 * them: the data dir and its run/ are the manager's, mode 0700. Inside, the directory belongs to the user the core
 * runs as (mode 0700) when the manager is root; a non-root manager cannot give a directory away, so there it is
 * 0777 and the sockets 0666 (the 0700 run/ above is the wall), and the core's container runs with umask 0.
 *
 * <p>Not used (the API stays on the host's loopback at the server's apiPort, and doctor says why): a server on a
 * remote node, an engine that is not on a local unix socket, a manager that runs in a container of its own (the
 * engine would bind a host path the manager does not see), a socket path longer than the kernel takes.
 */
@Singleton
public final class ApiSockets {
  /** The server setting that holds the API's socket path, saved at deploy; absent while the API is on loopback. */
  public static final String KEY = "apiSocket";
  /** The API's socket in the server's directory (ss-manager's too; its clients bind names beside it). */
  public static final String FILE = "api.sock";
  /** The longest name in the directory: a client socket of ss-manager's API. */
  static final String LONGEST = "manager-00000000.sock";
  /** sun_path holds 108 bytes with the terminating NUL. */
  static final int MAX_PATH = 107;
  private static final Logger LOG = LoggerFactory.getLogger(ApiSockets.class);
  private final Path root;
  private final ContainerRuntime runtime;
  private final boolean inContainer;

  @Inject
  public ApiSockets(Settings settings, ContainerRuntime runtime) {
    this(settings.dataDir().resolve("run"), runtime, inContainer(Path.of("/proc/self/mountinfo")));
  }

  /**
   * Whether this process runs in a container: Docker and Podman bind-mount the container's own /etc/hostname (a
   * file /.dockerenv can also be found on hosts that are themselves Docker-built machines, so it is not asked).
   */
  static boolean inContainer(Path mountinfo) {
    try (Stream<String> lines = Files.lines(mountinfo)) {
      return lines.map(l -> l.split(" ")).anyMatch(f -> f.length > 4 && f[4].equals("/etc/hostname"));
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  ApiSockets(Path root, ContainerRuntime runtime, boolean inContainer) {
    this.root = root.toAbsolutePath();
    this.runtime = runtime;
    this.inContainer = inContainer;
  }

  /** The directory of the server's API socket, as the manager and the container see it. */
  public Path dir(String server) {
    return root.resolve("api-" + server);
  }

  /** Why the server's API cannot be on a socket here; empty when it can. */
  public Optional<String> unavailable(String server, String node) {
    if (!NodeRuntimes.isLocal(node)) {
      return Optional.of("the server runs on node " + node + ", whose host directories are not the manager's");
    }
    if (!runtime.endpoint().startsWith("unix://")) {
      return Optional.of("the Docker engine is not on this host's unix socket (" + runtime.endpoint() + ")");
    }
    if (inContainer) {
      return Optional.of("the manager runs in a container: the engine would bind a host path it does not see");
    }
    if (dir(server).resolve(LONGEST).toString().getBytes(StandardCharsets.UTF_8).length > MAX_PATH) {
      return Optional.of("the socket paths in " + dir(server) + " would be longer than the kernel's " + MAX_PATH
          + " bytes: use a shorter data dir or server name");
    }
    return Optional.empty();
  }

  /**
   * Decides where the server's API listens and saves it in the server's settings (in the deploy transaction): the
   * socket path, with its directory made ready for a core running as {@code uid:gid} and bound into the container
   * (labelled {@link Labels#API}); or empty, the setting removed, and the API stays on loopback.
   */
  public Optional<String> plan(Database db, Transaction txn, VpnServer server, int uid, int gid,
                               ContainerSpec.Builder container) {
    Optional<String> why = unavailable(server.getName(), server.getNode());
    String path = null;
    if (why.isEmpty()) {
      try {
        Path dir = prepare(server.getName(), uid, gid);
        container.bind(dir.toString(), dir.toString()).label(Labels.API, "socket");
        path = dir.resolve(FILE).toString();
      } catch (IOException | RuntimeException e) {
        LOG.warn("no API socket directory for server {} ({}): its API stays on the host's loopback",
            server.getName(), e.getMessage());
      }
    }
    Credentials settings = Credentials.fromJson(server.getSettings());
    if (!Objects.equals(settings.get(KEY), path)) {
      server.setSettings((path == null ? settings.without(KEY) : settings.with(KEY, path)).toJson());
      db.update(server, txn);
    }
    return Optional.ofNullable(path);
  }

  /** The run/ directory (0700), then the server's own, emptied of a previous container's sockets and lock files. */
  Path prepare(String server, int uid, int gid) throws IOException {
    Path dir = dir(server);
    for (Path d : new Path[] {root, dir}) {
      if (!Files.isDirectory(d)) {
        Files.createDirectories(d);
      }
    }
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
    try (DirectoryStream<Path> old = Files.newDirectoryStream(dir)) {
      // a core killed without its shutdown leaves its socket behind, and would fail to bind it again
      for (Path p : old) {
        Files.deleteIfExists(p);
      }
    }
    try {
      Files.setAttribute(dir, "unix:uid", uid);
      Files.setAttribute(dir, "unix:gid", gid);
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    } catch (java.nio.file.FileSystemException notRoot) {
      // only root gives a file away: the core's user gets in through the mode, other accounts stop at run/
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    }
    return dir;
  }

  /**
   * Removes the API socket of a server whose core is not running, when nothing listens on it any more: an Xray or
   * v2ray core killed without its shutdown (SIGKILL, out of memory) leaves it behind, and the engine's restarts of
   * the same container would fail to bind it again until someone removes it. ss-manager unlinks its own.
   */
  public void clearStale(VpnServer server) {
    String path = Credentials.fromJson(server.getSettings()).get(KEY);
    if (path == null || !NodeRuntimes.isLocal(server.getNode()) || !Files.exists(Path.of(path))) {
      return;
    }
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(path));
    } catch (ConnectException refused) {
      try {
        Files.deleteIfExists(Path.of(path));
        Files.deleteIfExists(Path.of(path + ".lock"));
        LOG.info("removed the stale API socket of server {}: its core can bind it again", server.getName());
      } catch (IOException e) {
        LOG.warn("cannot remove the stale API socket {}: {}", path, e.getMessage());
      }
    } catch (IOException | RuntimeException other) {
      // not a stream socket (ss-manager's), or no right to it: leave it
    }
  }
}
