package dev.vpnmanager.node;

import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.config.Settings;
import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.docker.DockerJavaRuntime;
import dev.vpnmanager.docker.TlsFiles;
import dev.vpnmanager.domain.DockerNode;
import dev.vpnmanager.domain.VpnServer;
import dev.vpnmanager.protocol.ServerSpec;
import io.ebean.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The container engine of each node: {@code local} is the manager's own engine (the injected runtime, exactly as
 * before nodes existed); every other node is a TLS engine from its {@link DockerNode} row and the client files
 * stored under DATA_DIR/nodes/NAME. A server's node travels in its {@link ServerSpec} under {@link #SPEC_KEY}
 * (absent for local servers), so the live paths learn it without a database query.
 */
@Singleton
public final class NodeRuntimes implements AutoCloseable {
  public static final String LOCAL = "local";
  /** The ServerSpec setting naming a remote server's node (never stored in the settings JSON). */
  public static final String SPEC_KEY = "node";

  private final ContainerRuntime local;
  private final Database db;
  private final Path root;
  private final Clock clock;
  private final Map<String, DockerJavaRuntime> remote = new ConcurrentHashMap<>();

  @Inject
  public NodeRuntimes(ContainerRuntime local, Database db, Settings settings, Clock clock) {
    this(local, db, settings.dataDir().resolve("nodes"), clock);
  }

  public NodeRuntimes(ContainerRuntime local, Database db, Path root, Clock clock) {
    this.local = local;
    this.db = db;
    this.root = root;
    this.clock = clock;
  }

  public static boolean isLocal(String node) {
    return node == null || node.isBlank() || LOCAL.equals(node);
  }

  /** The node of a server as drivers see it. */
  public static String nodeOf(ServerSpec spec) {
    return spec.setting(SPEC_KEY, LOCAL);
  }

  public static boolean isLocal(ServerSpec spec) {
    return isLocal(spec.settings().get(SPEC_KEY));
  }

  public ContainerRuntime local() {
    return local;
  }

  /** The engine of the node; an unknown node is invalid input. */
  public ContainerRuntime runtime(String node) {
    if (isLocal(node)) {
      return local;
    }
    return remote.computeIfAbsent(node, n -> {
      DockerNode row = find(n).orElseThrow(() -> new InvalidInputException("no node '" + n
          + "': see nodes list"));
      return new DockerJavaRuntime(row.getEndpoint(), TlsFiles.read(certDir(n)), clock);
    });
  }

  public ContainerRuntime forServer(VpnServer s) {
    return runtime(s.getNode());
  }

  public ContainerRuntime forSpec(ServerSpec s) {
    return runtime(nodeOf(s));
  }

  public Optional<DockerNode> find(String name) {
    return Optional.ofNullable(db.find(DockerNode.class).where().eq("name", name).findOne());
  }

  /** local first, then the remote nodes by name. */
  public List<String> names() {
    List<String> out = new ArrayList<>(List.of(LOCAL));
    db.find(DockerNode.class).orderBy("name").findList().forEach(n -> out.add(n.getName()));
    return out;
  }

  /** Where the node's TLS client files are kept (0700 directory, 0600 files). */
  public Path certDir(String node) {
    return root.resolve(node);
  }

  /** Drops the cached engine client of a node (removed, or its files replaced). */
  public void forget(String node) {
    DockerJavaRuntime r = remote.remove(node);
    if (r != null) {
      r.close();
    }
  }

  @Override
  public void close() {
    remote.keySet().forEach(this::forget);
  }
}
