package dev.vpnmanager.server.v2ray;

import dev.vpnmanager.server.ServerUsers;
import dev.vpnmanager.docker.ContainerSpec;
import dev.vpnmanager.docker.HealthSpec;
import dev.vpnmanager.docker.Labels;
import dev.vpnmanager.domain.VpnServer;
import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.protocol.LanWall;
import dev.vpnmanager.protocol.ProtocolDriver;
import dev.vpnmanager.protocol.ServerConfig;
import dev.vpnmanager.protocol.UserSpec;
import dev.vpnmanager.server.ServerSpecs;
import dev.vpnmanager.server.runtime.ApiSockets;
import dev.vpnmanager.server.runtime.ContainerPlanner;
import io.ebean.Database;
import io.ebean.Transaction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A v2ray or Xray core (VLESS, or the http/socks inbounds) in a container on the host's network: the config
 * file rendered by the protocol's driver from the database (the server's settings and its active users), the
 * API on a Unix socket in the data dir ({@link ApiSockets}; else on the host's loopback at a per-server port), and a
 * health check that asks that API for its stats.
 * Host networking because users of the v2ray shadowsocks core get ports of their own at run time, which Docker
 * cannot publish on a running container.
 *
 * <p>Xray runs as in its official image (distroless, no shell): the entrypoint and health check run only the
 * {@code xray} binary, and the config file belongs to the user the core runs as ({@link RunAs}), mode 0600.
 */
public final class V2rayPlanner implements ContainerPlanner {
  private final Database db;
  private final ProtocolDriver driver;
  private final ApiSockets sockets;

  public V2rayPlanner(Database db, ProtocolDriver driver, ApiSockets sockets) {
    this.db = db;
    this.driver = driver;
    this.sockets = sockets;
  }

  @Override
  public List<String> transports() {
    return List.of("tcp");
  }

  @Override
  public void plan(VpnServer server, Transaction txn, ContainerSpec.Builder container) {
    int apiPort = ApiPorts.ensureUnique(db, txn, server);
    // the same default as the drivers' (a Shadowsocks server comes here only with core v2ray in its settings)
    boolean xray = "xray".equals(Credentials.fromJson(server.getSettings()).values().getOrDefault("core", "xray"));
    RunAs runAs = xray ? RunAs.forPort(server.getPort()) : new RunAs(0, 0);
    Optional<String> socket = sockets.plan(db, txn, server, runAs.uid(), runAs.gid(), container);
    List<UserSpec> users = ServerUsers.active(db, txn, server.getName());
    ServerConfig config = driver.serverConfig(ServerSpecs.of(server), users);
    String api = socket.map(p -> "unix://" + p).orElse("127.0.0.1:" + apiPort);
    container.hostNetwork().label(Labels.WALL, LanWall.VERSION);
    if ("xray".equals(config.core())) {
      // the official image (distroless, no shell) runs as 65532: the core reads its config as that user, 0600
      String path = "/etc/xray/" + config.fileName();
      byte[] content = config.content().getBytes(StandardCharsets.UTF_8);
      container.user(runAs.uid() + ":" + runAs.gid())
          .file(path, content, 0600, runAs.uid(), runAs.gid())
          .entrypoint("xray", "run", "-c", path)
          .health(HealthSpec.every(Duration.ofSeconds(3), "xray", "api", "statsquery", "--server=" + api));
      if (runAs.uid() == 0) {
        container.capDrop("ALL").capAdd("NET_BIND_SERVICE");
      }
    } else {
      String path = "/etc/v2ray/" + config.fileName();
      container.file(path, config.content().getBytes(StandardCharsets.UTF_8), 0600)
          .health(HealthSpec.every(Duration.ofSeconds(3), "v2ctl", "api", "--server=" + api,
              "StatsService.QueryStats", "pattern: \"\" reset: false"));
      if (socket.isPresent()) {
        // v2ray 4 cannot set its socket's mode: umask 0 makes it 0777 for a manager of another uid (run/ is 0700)
        container.entrypoint("sh", "-c", "umask 0 && exec \"$@\"", "sh", "v2ray", "-config", path);
      } else {
        container.entrypoint("v2ray", "-config", path);
      }
    }
  }
}
