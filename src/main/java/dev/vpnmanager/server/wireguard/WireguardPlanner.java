package dev.vpnmanager.server.wireguard;

import dev.vpnmanager.server.ServerUsers;
import dev.vpnmanager.docker.ContainerSpec;
import dev.vpnmanager.common.Cidr;
import dev.vpnmanager.docker.HealthSpec;
import dev.vpnmanager.docker.Labels;
import dev.vpnmanager.domain.VpnServer;
import dev.vpnmanager.protocol.LanWall;
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
 * rendered from the database, NAT for the client subnet inside the container, forwarding on at start. The config
 * file is copied into the container through the engine's API (so the same on a remote node); its UAPI socket
 * directory is a host directory of the manager's when the engine is local (see {@link WgSockets}).
 */
public final class WireguardPlanner implements ContainerPlanner {
  static final String CONF = "/etc/wireguard/wg0.conf";
  /**
   * Constant: the only data it sees (the subnet, the blocked and allowed ranges, validated CIDRs) arrives in
   * environment variables. The wall goes up before the tunnel: nothing from wg0 to the container itself, no client
   * to another client, no client to the blocked ranges (the allowed ones first); then NAT for the rest.
   */
  private static final String START = String.join("\n",
      "set -e",
      "set -f",
      "trap 'exit 0' TERM INT",
      "wall() {",
      "  t=$1; allow=$2; block=$3",
      "  $t -A INPUT -i wg0 -j DROP",
      "  $t -A FORWARD -i wg0 -o wg0 -j DROP",
      "  for c in $allow; do $t -A FORWARD -i wg0 -d \"$c\" -j ACCEPT; done",
      "  for c in $block; do $t -A FORWARD -i wg0 -d \"$c\" -j DROP; done",
      "}",
      "wall iptables \"$WG_ALLOW4\" \"$WG_BLOCK4\"",
      "if ip6tables -S >/dev/null 2>&1; then wall ip6tables \"$WG_ALLOW6\" \"$WG_BLOCK6\"; fi",
      "iptables -t nat -A POSTROUTING -s \"$WG_SUBNET\" ! -o wg0 -j MASQUERADE",
      "wg-quick up " + CONF,
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
        .env("WG_ALLOW4", ranges(LanWall.allowed(spec), false))
        .env("WG_ALLOW6", ranges(LanWall.allowed(spec), true))
        .env("WG_BLOCK4", ranges(LanWall.blockedCidrs(), false))
        .env("WG_BLOCK6", ranges(LanWall.blockedCidrs(), true))
        .label(Labels.WALL, LanWall.VERSION)
        .env("WG_QUICK_USERSPACE_IMPLEMENTATION", "wireguard-go")
        .capAdd("NET_ADMIN")
        .device("/dev/net/tun")
        .sysctl("net.ipv4.ip_forward", "1")
        .health(new HealthSpec(List.of("wg", "show", "wg0", "listen-port"), Duration.ofSeconds(1),
            Duration.ofSeconds(3), 3, Duration.ofSeconds(5)))
        .entrypoint("sh", "-c", START);
    sockets.prepare(server.getName(), server.getNode()).ifPresent(dir -> container.bind(dir.toString(), WgSockets.CONTAINER_DIR));
  }

  /** The IPv4 (or IPv6) ones, space-separated: parsed CIDRs, so no character the shell would act on. */
  private static String ranges(List<Cidr> cidrs, boolean v6) {
    return String.join(" ", cidrs.stream().filter(c -> c.v6() == v6).map(Cidr::toString).toList());
  }
}
