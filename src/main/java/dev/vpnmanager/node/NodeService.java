package dev.vpnmanager.node;

import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.audit.AuditLog;
import dev.vpnmanager.common.ConflictException;
import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.common.Names;
import dev.vpnmanager.common.OperationFailedException;
import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.docker.DockerJavaRuntime;
import dev.vpnmanager.docker.EngineInfo;
import dev.vpnmanager.docker.TlsFiles;
import dev.vpnmanager.domain.DockerNode;
import dev.vpnmanager.domain.VpnServer;
import dev.vpnmanager.storage.DataDir;
import dev.vpnmanager.storage.Tx;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Adds, lists, checks and removes nodes. {@code add} checks everything first (name, endpoint, the TLS files, that the
 * engine answers with that certificate) and only then stores the files (0600 in a 0700 directory) and the row; a
 * node with servers on it is not removed.
 */
@Singleton
public final class NodeService {
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:\\[\\]-]{1,253}");
  private final Tx tx;
  private final NodeRuntimes runtimes;
  private final AuditLog audit;
  private final Clock clock;

  @Inject
  public NodeService(Tx tx, NodeRuntimes runtimes, AuditLog audit, Clock clock) {
    this.tx = tx;
    this.runtimes = runtimes;
    this.audit = audit;
    this.clock = clock;
  }

  public NodeStatus add(Actor actor, String name, String endpoint, Path tlsDir, String publicHost) {
    Names.requireValid("node", name);
    if (NodeRuntimes.isLocal(name)) {
      throw new InvalidInputException("'local' is the manager's own engine: give the node another name");
    }
    if (runtimes.find(name).isPresent()) {
      throw new ConflictException("node '" + name + "' exists already: remove it first");
    }
    URI uri = endpoint(endpoint);
    if (publicHost == null || !HOST.matcher(publicHost).matches()) {
      throw new InvalidInputException("--public-host must be a host name or IP address, not '"
          + Names.printable(String.valueOf(publicHost)) + "'");
    }
    if (tlsDir == null || !Files.isDirectory(tlsDir)) {
      throw new InvalidInputException("--tls-dir " + tlsDir + " is not a directory (it holds ca.pem, cert.pem, key.pem)");
    }
    TlsFiles tls = TlsFiles.read(tlsDir);
    if (tls.client().getNotAfter().toInstant().isBefore(clock.instant())) {
      throw new InvalidInputException("the client certificate in " + tlsDir + " expired on "
          + tls.client().getNotAfter().toInstant());
    }
    EngineInfo info;
    try (DockerJavaRuntime probe = new DockerJavaRuntime(uri.toString(), tls, clock)) {
      info = probe.info();
    } catch (OperationFailedException e) {
      throw new OperationFailedException("node '" + name + "' at " + endpoint + " did not answer with these "
          + "certificates: " + e.getMessage(), e);
    }
    Path dir = runtimes.certDir(name);
    store(tlsDir, dir);
    try {
      tx.run(txn -> {
        DockerNode n = new DockerNode();
        n.setName(name);
        n.setEndpoint(uri.toString());
        n.setPublicHost(publicHost);
        tx.db().insert(n, txn);
        audit.record(txn, actor, "node.add", name, uri + " engine " + info.version());
      });
    } catch (RuntimeException e) {
      deleteQuietly(dir);
      throw e;
    }
    return status(name);
  }

  /** Every node, local first; each one is asked how it is (a node that does not answer is shown so). */
  public List<NodeStatus> list() {
    List<NodeStatus> out = new ArrayList<>();
    for (String n : runtimes.names()) {
      out.add(status(n));
    }
    return out;
  }

  public NodeStatus status(String name) {
    Optional<DockerNode> row = runtimes.find(name);
    if (!NodeRuntimes.isLocal(name) && row.isEmpty()) {
      throw new InvalidInputException("no node '" + name + "': see nodes list");
    }
    String publicHost = row.map(DockerNode::getPublicHost).orElse("");
    String endpoint = row.map(DockerNode::getEndpoint).orElse("");
    int servers = servers(name).size();
    ContainerRuntime r;
    try {
      r = runtimes.runtime(name);
    } catch (RuntimeException e) {
      // its TLS files are unreadable or gone: shown as not answering, with the reason
      return new NodeStatus(name, endpoint, publicHost, servers, false, "", "", e.getMessage());
    }
    try {
      EngineInfo info = r.info();
      return new NodeStatus(name, r.endpoint(), publicHost, servers, true, info.version(), info.apiVersion(), "");
    } catch (OperationFailedException e) {
      return new NodeStatus(name, r.endpoint(), publicHost, servers, false, "", "", e.getMessage());
    }
  }

  public String remove(Actor actor, String name) {
    if (NodeRuntimes.isLocal(name)) {
      throw new InvalidInputException("the local node cannot be removed");
    }
    DockerNode n = runtimes.find(name).orElseThrow(() -> new InvalidInputException("no node '" + name + "'"));
    List<String> on = servers(name);
    if (!on.isEmpty()) {
      throw new ConflictException("node '" + name + "' still holds server(s) " + String.join(", ", on)
          + ": remove them first (servers remove NAME)");
    }
    tx.run(txn -> {
      tx.db().delete(tx.db().find(DockerNode.class).usingTransaction(txn).where().idEq(n.getId()).findOne(), txn);
      audit.record(txn, actor, "node.remove", name, n.getEndpoint());
    });
    runtimes.forget(name);
    deleteQuietly(runtimes.certDir(name));
    return "node " + name + " removed";
  }

  /** Names of the servers defined on the node. */
  public List<String> servers(String node) {
    var q = tx.db().find(VpnServer.class).where();
    var found = NodeRuntimes.isLocal(node) ? q.isNull("node") : q.eq("node", node);
    return found.orderBy("name").findList().stream().map(VpnServer::getName).toList();
  }

  static URI endpoint(String endpoint) {
    URI uri;
    try {
      uri = URI.create(endpoint == null ? "" : endpoint.trim());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("--docker must look like tcp://HOST:2376, not '"
          + Names.printable(String.valueOf(endpoint)) + "'");
    }
    if (!"tcp".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1 || uri.getPath() != null
        && !uri.getPath().isEmpty()) {
      throw new InvalidInputException("--docker must look like tcp://HOST:2376, not '"
          + Names.printable(String.valueOf(endpoint)) + "'");
    }
    return uri;
  }

  private static void store(Path from, Path dir) {
    try {
      DataDir.ensure(dir.getParent());
      DataDir.ensure(dir);
      for (String f : TlsFiles.NAMES) {
        DataDir.writeSecret(dir.resolve(f), Files.readAllBytes(from.resolve(f)));
      }
    } catch (IOException e) {
      deleteQuietly(dir);
      throw new OperationFailedException("cannot store the TLS files of the node: " + e.getMessage(), e);
    }
  }

  private static void deleteQuietly(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          // best effort: a left-over file is reported by nothing and harmless
        }
      });
    } catch (IOException e) {
      // as above
    }
  }

  static Duration untilExpiry(TlsFiles tls, Clock clock) {
    return Duration.between(clock.instant(), tls.client().getNotAfter().toInstant());
  }
}
