package dev.vpnmanager.server.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.docker.ContainerSpec;
import dev.vpnmanager.docker.ExecResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** A WireGuard client container (the test image) that brings up a user's .conf with wg-quick and fetches pages. */
final class WgClient {
  private static final Duration T = Duration.ofSeconds(20);
  /** The client image has no resolvconf nor ip6tables-restore: wg-quick only needs them to succeed. */
  private static final String RESOLVCONF = "#!/bin/sh\ncat >/dev/null\n";
  /** Docker sets src_valid_mark at start (--sysctl); /proc/sys is read-only inside, where wg-quick sets it again. */
  private static final String SYSCTL = "#!/bin/sh\n[ \"$1\" = -q ] && exit 0\nexec busybox sysctl \"$@\"\n";
  final ContainerRuntime rt;
  final String id;

  /** On its own network, so the host's address on the server's bridge is not on the client's LAN. */
  WgClient(ContainerRuntime rt, String owner, String name, String image, String network) {
    this.rt = rt;
    id = rt.create(ContainerSpec.builder(owner, name, image).restartPolicy("no").network(network).capAdd("NET_ADMIN")
        .device("/dev/net/tun").sysctl("net.ipv4.conf.all.src_valid_mark", "1")
        .sysctl("net.ipv6.conf.all.disable_ipv6", "0").entrypoint("sleep", "600").build());
    rt.start(id);
    rt.putFile(id, "/usr/sbin/resolvconf", RESOLVCONF.getBytes(StandardCharsets.UTF_8), 0755);
    rt.putFile(id, "/usr/bin/sysctl", SYSCTL.getBytes(StandardCharsets.UTF_8), 0755);
    if (!rt.exec(id, List.of("sh", "-c", "command -v ip6tables-restore"), null, T).ok()) {
      rt.putFile(id, "/usr/sbin/ip6tables-restore", RESOLVCONF.getBytes(StandardCharsets.UTF_8), 0755);
    }
  }

  /** The host as this container reaches it. */
  String gateway() {
    return gateway(rt, id);
  }

  static String gateway(ContainerRuntime rt, String container) {
    ExecResult r = rt.exec(container, List.of("sh", "-c", "ip route | awk '/default/ {print $3}'"), null, T);
    assertEquals(0, r.exitCode(), r.stderr());
    return r.stdout().strip();
  }

  String address() {
    return sh("hostname -i").strip();
  }

  /** Brings the tunnel up with exactly this .conf text (taking any earlier one down first). */
  void up(byte[] conf) {
    rt.exec(id, List.of("wg-quick", "down", "/etc/wireguard/wg0.conf"), null, T);
    rt.putFile(id, "/etc/wireguard/wg0.conf", conf, 0600);
    ExecResult r = rt.exec(id, List.of("wg-quick", "up", "/etc/wireguard/wg0.conf"), null, T);
    assertEquals(0, r.exitCode(), "wg-quick up: " + r.stdout() + r.stderr());
  }

  /** The body of a GET through the tunnel, or null when it fails within the time limit. */
  String fetch(String url, int maxSeconds) {
    ExecResult r = rt.exec(id, List.of("curl", "-sS", "-m", Integer.toString(maxSeconds), "-o", "/dev/null", "-w",
        "%{size_download}", url), null, Duration.ofSeconds(maxSeconds + 10));
    return r.ok() ? r.stdout().strip() : null;
  }

  String get(String url, int maxSeconds) {
    ExecResult r = rt.exec(id, List.of("curl", "-sS", "-m", Integer.toString(maxSeconds), url), null,
        Duration.ofSeconds(maxSeconds + 10));
    return r.ok() ? r.stdout() : null;
  }

  /** Retries a GET until it answers (a fresh handshake can take a moment). */
  String getWithin(String url, int seconds) {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    String body;
    do {
      body = get(url, 2);
    } while (body == null && System.nanoTime() < deadline);
    return body;
  }

  private String sh(String script) {
    ExecResult r = rt.exec(id, List.of("sh", "-c", script), null, T);
    assertEquals(0, r.exitCode(), script + ": " + r.stderr());
    return r.stdout();
  }

  void remove() {
    rt.remove(id);
  }
}
