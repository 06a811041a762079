package dev.vpnmanager.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.testing.DockerPeer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The WireGuard server and client test images talk to each other: a tunnel over a managed network, a ping
 * through it, a handshake the server reports. Proves the images the end-to-end tests will use.
 */
class WireguardTunnelTest {
  private static final Duration T = Duration.ofSeconds(20);
  private final String prefix = "vpnm-wg-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<String> containers = new ArrayList<>();
  private ContainerRuntime rt;

  @AfterEach
  void cleanUp() {
    if (rt != null) {
      containers.forEach(rt::remove);
      rt.removeNetwork(prefix);
    }
  }

  private String start(String name, String image) {
    String id = rt.create(ContainerSpec.builder("wg-test", name, image).restartPolicy("no").network(prefix)
        .capAdd("NET_ADMIN").device("/dev/net/tun").sysctl("net.ipv4.ip_forward", "1")
        .entrypoint("sleep", "600").build());
    containers.add(id);
    rt.start(id);
    return id;
  }

  private String sh(String id, String script) {
    ExecResult r = rt.exec(id, List.of("sh", "-c", script), null, T);
    assertEquals(0, r.exitCode(), script + ": " + r.stdout() + r.stderr());
    return r.stdout().strip();
  }

  private void run(String id, String... command) {
    ExecResult r = rt.exec(id, List.of(command), null, T);
    assertEquals(0, r.exitCode(), String.join(" ", command) + ": " + r.stderr());
  }

  @Test
  void aClientContainerPingsTheServerThroughTheTunnel() {
    rt = DockerPeer.runtime();
    DockerPeer.requireImage(rt, DockerPeer.WIREGUARD);
    DockerPeer.requireImage(rt, DockerPeer.WIREGUARD_CLIENT);
    rt.ensureNetwork(prefix);
    String server = start(prefix + "-server", DockerPeer.WIREGUARD);
    String client = start(prefix + "-client", DockerPeer.WIREGUARD_CLIENT);
    String up = "umask 077; wg genkey > /tmp/k && wireguard-go wg0 && wg set wg0 private-key /tmp/k";
    String serverPub = sh(server, up + " listen-port 51820 && ip addr add 10.8.0.1/24 dev wg0 && ip link set wg0 up"
        + " && wg pubkey < /tmp/k");
    String clientPub = sh(client, up + " && ip addr add 10.8.0.2/24 dev wg0 && ip link set wg0 up && wg pubkey < /tmp/k");
    run(server, "wg", "set", "wg0", "peer", clientPub, "allowed-ips", "10.8.0.2/32");
    run(client, "wg", "set", "wg0", "peer", serverPub, "endpoint", prefix + "-server:51820", "allowed-ips",
        "10.8.0.0/24", "persistent-keepalive", "1");

    String ping = sh(client, "ping -c 2 -W 3 10.8.0.1");
    assertTrue(ping.contains("2 packets received"), ping);
    String handshakes = sh(server, "wg show wg0 latest-handshakes");
    assertTrue(handshakes.startsWith(clientPub) && !handshakes.endsWith("\t0"), handshakes);
  }
}
