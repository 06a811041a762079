package dev.vpnmanager.server.wireguard;

import dev.vpnmanager.server.ServerUsers;
import dev.vpnmanager.docker.ContainerSpec;
import dev.vpnmanager.docker.HealthSpec;
import dev.vpnmanager.domain.VpnServer;
import dev.vpnmanager.protocol.ServerConfig;
import dev.vpnmanager.protocol.ServerSpec;
import dev.vpnmanager.protocol.wireguard.AddressPool;
import dev.vpnmanager.protocol.wireguard.WireguardDriver;
import dev.vpnmanager.server.ServerSpecs;
import dev.vpnmanager.server.runtime.ContainerPlanner;
import io.ebean.Database;
import io.ebean.Transaction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javax.inject.Inject;

/**
 * A WireGuard server: userspace wireguard-go (no kernel module needed) brought up by {@code wg-quick} from wg0.conf
 * rendered from the database, NAT for the client subnet inside the container, forwarding on at start. Its UAPI
 * socket directory is a host directory of the manager's when the engine is local (see {@link WgSockets}).
 */
public final class WireguardPlanner implements ContainerPlanner {
  static final String CONF = "/etc/wireguard/wg0.conf";
  /** Constant: the only data it sees (the subnet) arrives as an environment variable. */
  private static final String START = String.join("\n",
      "set -e",
      "trap 'exit 0' TERM INT",
      "wg-quick up " + CONF,
      "iptables -t nat -A POSTROUTING -s \"$WG_SUBNET\" ! -o wg0 -j MASQUERADE",
      "sleep 2147483647 & wait");

  private final Database db;
  private final WireguardDriver driver;
  private final WgSockets sockets;

  @Inject
  WireguardPlanner(Database db, WireguardDriver driver, WgSockets sockets) {
    this.db = db;
    this.driver = driver;
    this.sockets = sockets;
  }

  @Override
  public List<String> transports() {
    return List.of("udp");
  }

  @Override
  public void plan(VpnServer server, Transaction txn, ContainerSpec.Builder container) {
    ServerSpec spec = ServerSpecs.of(server);
    ServerConfig config = driver.serverConfig(spec, ServerUsers.active(db, txn, server.getName()));
    String subnet = AddressPool.parse(spec.setting("subnet", "10.8.0.0/24")).cidr();
    container.file(CONF, config.content().getBytes(StandardCharsets.UTF_8), 0600)
        .env("WG_SUBNET", subnet)
        .env("WG_QUICK_USERSPACE_IMPLEMENTATION", "wireguard-go")
        .capAdd("NET_ADMIN")
        .device("/dev/net/tun")
        .sysctl("net.ipv4.ip_forward", "1")
        .health(new HealthSpec(List.of("wg", "show", "wg0", "listen-port"), Duration.ofSeconds(1),
            Duration.ofSeconds(3), 3, Duration.ofSeconds(5)))
        .entrypoint("sh", "-c", START);
    sockets.prepare(server.getName()).ifPresent(dir -> container.bind(dir.toString(), WgSockets.CONTAINER_DIR));
  }
}
