package dev.vpnmanager.server.shadowsocks;

import dev.vpnmanager.common.OperationFailedException;
import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.protocol.ServerSpec;
import dev.vpnmanager.server.runtime.ApiSockets;
import dev.vpnmanager.server.runtime.ManagedContainer;
import java.net.URI;
import java.nio.file.Path;
import java.util.Set;

/**
 * A Shadowsocks server on the ss-libev core as the container side sees it: ss-manager's API port, the range the
 * users' ports come from, the cipher. The container uses host networking (one port per user, no publishing),
 * so the API is on the engine host's loopback: live changes need the engine on the manager's own host.
 */
record SsServer(String name, int apiPort, int firstUserPort, int lastUserPort, String method, String listen,
                String apiSocket) {
  static final String CORE = "ss-libev";
  private static final Set<String> LOCAL = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

  static SsServer of(ServerSpec s) {
    String core = s.setting("core", CORE);
    if (!CORE.equals(core)) {
      throw new OperationFailedException("shadowsocks server " + s.name() + " uses the " + core
          + " core, which has no container plan here (only " + CORE + ")");
    }
    String[] range = s.setting("userPorts", s.port() + "-" + s.port()).split("-");
    SsServer out = new SsServer(s.name(), Integer.parseInt(s.setting("apiPort", "10085")),
        Integer.parseInt(range[0].strip()), Integer.parseInt(range[range.length - 1].strip()),
        s.setting("method", "chacha20-ietf-poly1305"), s.setting("listen", "0.0.0.0"),
        s.setting(ApiSockets.KEY, ""));
    if (out.inUserPorts(out.apiPort)) {
      throw new OperationFailedException("shadowsocks server " + s.name() + ": ss-manager's port " + out.apiPort
          + " lies in the users' port range " + out.firstUserPort + "-" + out.lastUserPort
          + "; set its apiPort outside the range");
    }
    return out;
  }

  boolean inUserPorts(int port) {
    return port >= firstUserPort && port <= lastUserPort;
  }

  /** Opens the API of the running server; fails clearly when it is not running or the engine is remote. */
  SsManager connect(ContainerRuntime runtime) {
    String endpoint = runtime.endpoint();
    if (endpoint.startsWith("tcp://")) {
      String host = URI.create(endpoint).getHost();
      if (host == null || !LOCAL.contains(host)) {
        throw new OperationFailedException("live Shadowsocks changes need the Docker engine on this host (ss-manager "
            + "listens on its loopback); the engine is at " + endpoint);
      }
    }
    ManagedContainer.runningId(runtime, name);
    return apiSocket.isEmpty() ? new SsManager(apiPort) : new SsManager(Path.of(apiSocket));
  }
}
