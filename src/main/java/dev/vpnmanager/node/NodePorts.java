package dev.vpnmanager.node;

import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.domain.DockerNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Whether a port is taken on a remote node, seen through its engine's API and from outside: a container there
 * publishes it, or something accepts TCP connections on it at the node's address. (UDP-only listeners and ports a
 * firewall drops are not seen from outside; `doctor` says which ports the node's operator must open.)
 */
@Singleton
public final class NodePorts {
  private static final int CONNECT_MILLIS = 300;
  private final NodeRuntimes nodes;

  @Inject
  public NodePorts(NodeRuntimes nodes) {
    this.nodes = nodes;
  }

  public Optional<String> holder(String node, int port, List<String> transports) {
    ContainerRuntime r = nodes.runtime(node);
    for (String t : transports) {
      var published = r.publishedPorts().stream().filter(p -> p.port() == port && p.protocol().equals(t))
          .findFirst();
      if (published.isPresent()) {
        return Optional.of("container " + published.get().containerName() + " on node " + node + " (" + t + ")");
      }
    }
    if (transports.contains("tcp")) {
      String host = nodes.find(node).map(DockerNode::getEndpoint).map(e -> URI.create(e).getHost()).orElse(null);
      if (host != null && accepts(host, port)) {
        return Optional.of("a process on node " + node + " (tcp)");
      }
    }
    return Optional.empty();
  }

  static boolean accepts(String host, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), CONNECT_MILLIS);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

}
