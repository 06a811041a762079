package dev.vpnmanager.server.shadowsocks;

import dev.vpnmanager.server.ServerUsers;
import dev.vpnmanager.docker.ContainerSpec;
import dev.vpnmanager.docker.HealthSpec;
import dev.vpnmanager.docker.Labels;
import dev.vpnmanager.domain.VpnServer;
import dev.vpnmanager.protocol.LanWall;
import dev.vpnmanager.protocol.ServerConfig;
import dev.vpnmanager.protocol.ServerSpec;
import dev.vpnmanager.protocol.shadowsocks.ShadowsocksDriver;
import dev.vpnmanager.server.ServerSpecs;
import dev.vpnmanager.server.runtime.ApiSockets;
import dev.vpnmanager.server.runtime.ContainerPlanner;
import io.ebean.Database;
import io.ebean.Transaction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;

/**
 * A Shadowsocks server on ss-libev: ss-manager with the rendered config (one ss-server per user port), its
 * datagram API on a Unix socket in the data dir ({@link ApiSockets}; else UDP on loopback). ss-manager passes --acl
 * on to every ss-server it starts: users' TCP never reaches private ranges. Host networking: every user has a port of their own and Docker cannot publish ports on a
 * running container (pre-publishing a big range is slow), so the ss-server processes bind on the host directly.
 */
public final class SsPlanner implements ContainerPlanner {
  static final String CONF = "/etc/shadowsocks-libev/config.json";
  static final String ACL = "/etc/shadowsocks-libev/server.acl";

  private final Database db;
  private final ShadowsocksDriver driver;
  private final ApiSockets sockets;

  @Inject
  SsPlanner(Database db, ShadowsocksDriver driver, ApiSockets sockets) {
    this.db = db;
    this.driver = driver;
    this.sockets = sockets;
  }

  @Override
  public List<String> transports() {
    return List.of("tcp", "udp");
  }

  @Override
  public void plan(VpnServer server, Transaction txn, ContainerSpec.Builder container) {
    // ss-manager runs as root in its container (it unlinks a stale socket itself before it binds)
    Optional<String> socket = sockets.plan(db, txn, server, 0, 0, container);
    ServerSpec spec = ServerSpecs.of(server);
    SsServer ss = SsServer.of(spec);
    ServerConfig config = driver.serverConfig(spec, ServerUsers.active(db, txn, server.getName()));
    container.file(CONF, config.content().getBytes(StandardCharsets.UTF_8), 0600)
        .file(ACL, driver.acl(spec).getBytes(StandardCharsets.UTF_8), 0600)
        .hostNetwork()
        .label(Labels.WALL, LanWall.VERSION);
    if (socket.isPresent()) {
      // umask 0: the socket is 0777, for a manager of another uid (run/ above it is 0700); ss-manager answers to
      // the manager's own socket in the same directory
      container.health(new HealthSpec(List.of("test", "-S", socket.get()), Duration.ofSeconds(1),
              Duration.ofSeconds(3), 3, Duration.ofSeconds(5)))
          .entrypoint("sh", "-c", "umask 0 && exec \"$@\"", "sh", "ss-manager", "-c", CONF, "--acl", ACL,
              "--manager-address", socket.get());
      return;
    }
    String api = "127.0.0.1:" + ss.apiPort();
    // the address goes in as an argument ($0), never into the script text
    container.health(new HealthSpec(List.of("sh", "-c", "netstat -lnu | grep -qF \"$0 \"", api),
            Duration.ofSeconds(1), Duration.ofSeconds(3), 3, Duration.ofSeconds(5)))
        // ss-manager passes --acl on to every ss-server it starts: users' TCP never reaches private ranges
        .entrypoint("ss-manager", "-c", CONF, "--acl", ACL, "--manager-address", api);
  }
}
