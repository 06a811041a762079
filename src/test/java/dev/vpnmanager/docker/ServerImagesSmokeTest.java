package dev.vpnmanager.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.testing.DockerPeer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every local test image really runs its server binaries (built by scripts/test-images.sh). */
class ServerImagesSmokeTest {
  private static final String PREFIX = "vpnm-smoke-" + UUID.randomUUID().toString().substring(0, 8) + "-";
  private static final Duration T = Duration.ofSeconds(20);
  private static ContainerRuntime rt;
  private static final List<String> created = new ArrayList<>();

  @BeforeAll
  static void engine() {
    rt = DockerPeer.runtime();
  }

  @AfterAll
  static void cleanUp() {
    created.forEach(rt::remove);
  }

  private static String running(String image, UnaryOperator<ContainerSpec.Builder> extra) {
    DockerPeer.requireImage(rt, image);
    String name = PREFIX + created.size();
    String id = rt.create(extra.apply(ContainerSpec.builder("smoke", name, image).restartPolicy("no")
        .entrypoint("sleep", "600")).build());
    created.add(id);
    rt.start(id);
    return id;
  }

  private static String sh(String id, String script) {
    ExecResult r = rt.exec(id, List.of("sh", "-c", script), null, T);
    assertEquals(0, r.exitCode(), script + ": " + r.stdout() + r.stderr());
    return r.stdout() + r.stderr();
  }

  @Test
  void v2rayImageRunsTheCoreAndAcceptsAVlessConfig() {
    String config = "{\"inbounds\":[{\"port\":10443,\"protocol\":\"vless\",\"settings\":{\"clients\":"
        + "[{\"id\":\"27848739-7e62-4138-9fd3-098a63964b6b\",\"email\":\"a@x\"}],\"decryption\":\"none\"}},"
        + "{\"port\":10080,\"protocol\":\"socks\",\"settings\":{\"auth\":\"password\",\"accounts\":"
        + "[{\"user\":\"u\",\"pass\":\"p\"}]}}],\"outbounds\":[{\"protocol\":\"freedom\"}]}";
    String id = running(DockerPeer.V2RAY, b -> b.file("/etc/v2ray/config.json",
        config.getBytes(StandardCharsets.UTF_8), 0600));
    assertTrue(sh(id, "v2ray -version").contains("V2Ray 4."));
    assertTrue(sh(id, "v2ray -test -config /etc/v2ray/config.json").contains("Configuration OK"));
    String listening = sh(id, "(v2ray -config /etc/v2ray/config.json >/tmp/v2.log 2>&1 &); sleep 1; netstat -ltn");
    assertTrue(listening.contains(":10443") && listening.contains(":10080"), listening);
  }

  @Test
  void shadowsocksImageRunsSsServerAndSsManager() {
    String id = running(DockerPeer.SHADOWSOCKS, b -> b);
    assertTrue(sh(id, "ss-server -h 2>&1; true").contains("shadowsocks-libev"));
    assertTrue(sh(id, "ss-manager -h 2>&1; true").contains("shadowsocks-libev"));
    String listening = sh(id, "ss-server -s 127.0.0.1 -p 8388 -k secret -m chacha20-ietf-poly1305 -f /tmp/ss.pid; "
        + "sleep 0.5; netstat -ltn");
    assertTrue(listening.contains(":8388"), listening);
  }

  @Test
  void wireguardImageBringsUpAUserspaceInterfaceWithNat() {
    String id = running(DockerPeer.WIREGUARD, b -> b.capAdd("NET_ADMIN").device("/dev/net/tun")
        .sysctl("net.ipv4.ip_forward", "1"));
    assertTrue(sh(id, "wg --version").contains("wireguard-tools"));
    String up = sh(id, "wg genkey > /tmp/k && wireguard-go wg0 && wg set wg0 listen-port 51820 private-key /tmp/k"
        + " && ip link set wg0 up && wg show wg0");
    assertTrue(up.contains("listening port: 51820"), up);
    String peer = sh(id, "wg genkey | wg pubkey").strip();
    String psk = sh(id, "wg genpsk");
    ExecResult added = rt.exec(id, List.of("wg", "set", "wg0", "peer", peer, "preshared-key", "/dev/stdin",
        "allowed-ips", "10.8.0.2/32"), psk.getBytes(StandardCharsets.UTF_8), T);
    assertEquals(0, added.exitCode(), added.stderr());
    assertTrue(sh(id, "wg show wg0 allowed-ips").contains(peer + "\t10.8.0.2/32"), "peer added live via stdin");
    sh(id, "iptables -t nat -A POSTROUTING -s 10.8.0.0/24 -o eth0 -j MASQUERADE");
    assertTrue(sh(id, "iptables -t nat -S POSTROUTING").contains("MASQUERADE"));
  }

  @Test
  void wireguardClientImageHasTheToolsAClientNeeds() {
    String id = running(DockerPeer.WIREGUARD_CLIENT, b -> b);
    String out = sh(id, "wg --version; curl --version; command -v wg-quick wireguard-go ip");
    assertTrue(out.contains("wireguard-tools") && out.contains("curl ") && out.contains("wg-quick"), out);
  }

  @Test
  void proxyImageRunsMicrosocksWithAnAccount() {
    String id = running(DockerPeer.PROXY, b -> b);
    String listening = sh(id, "(microsocks -i 127.0.0.1 -p 1080 -u user -P pass >/dev/null 2>&1 &); sleep 0.5; "
        + "netstat -ltn");
    assertTrue(listening.contains(":1080"), listening);
    assertTrue(sh(id, "v2ray -version").contains("V2Ray"));
  }
}
