package dev.vpnmanager.server.wireguard;

import dev.vpnmanager.common.OperationFailedException;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * wg0 through wireguard-go's cross-platform UAPI socket (wireguard.com/xplatform), reached from the manager through
 * the host directory bind-mounted at /var/run/wireguard: no {@code docker exec}, no process, no key on any command
 * line. One connection per request: {@code set=1} lines or {@code get=1}, answered by {@code errno=N} and a blank
 * line. Keys travel as hex; the {@code get=1} answer holds the server's private key and every preshared key: it is
 * parsed for public keys, addresses and byte counts only and never kept, logged or quoted.
 */
final class WgUapi implements WgControl {
  static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final HexFormat HEX = HexFormat.of();

  private final Path socket;
  private final Supplier<String> container;

  WgUapi(Path socket, Supplier<String> container) {
    this.socket = socket;
    this.container = container;
  }

  /** Whether wireguard-go accepts connections on the socket now (a stale socket file refuses them). */
  static boolean reachable(Path socket) {
    if (!Files.exists(socket)) {
      return false;
    }
    try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
      return ch.isConnected();
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  @Override
  public String containerId() {
    return container.get();
  }

  @Override
  public Map<String, String> allowedIps() {
    return snapshot().allowedIps();
  }

  @Override
  public Map<String, long[]> transfer() {
    return snapshot().transfer();
  }

  @Override
  public Snapshot snapshot() {
    Map<String, String> ips = new LinkedHashMap<>();
    Map<String, long[]> transfer = new LinkedHashMap<>();
    String peer = null;
    for (String line : request("get=1\n\n").split("\n")) {
      int eq = line.indexOf('=');
      String key = eq < 0 ? line : line.substring(0, eq);
      String value = eq < 0 ? "" : line.substring(eq + 1);
      switch (key) {
        case "public_key" -> {
          peer = toBase64(value);
          ips.put(peer, "");
          transfer.put(peer, new long[2]);
        }
        case "allowed_ip" -> {
          if (peer != null && ips.get(peer).isEmpty()) {
            ips.put(peer, value.contains("/") ? value.substring(0, value.indexOf('/')) : value);
          }
        }
        case "rx_bytes" -> count(transfer, peer, 0, value);
        case "tx_bytes" -> count(transfer, peer, 1, value);
        default -> { } // private_key, preshared_key and the rest: not read
      }
    }
    return new Snapshot(ips, transfer);
  }

  @Override
  public Map<String, String> add(List<Peer> peers) {
    StringBuilder set = new StringBuilder("set=1\n");
    for (Peer p : peers) {
      set.append("public_key=").append(toHex(p.publicKey())).append("\npreshared_key=").append(toHex(p.presharedKey()))
          .append("\nreplace_allowed_ips=true\nallowed_ip=").append(p.address()).append("/32\n");
    }
    request(set.append('\n').toString());
    return allowedIps();
  }

  @Override
  public void remove(List<String> publicKeys) {
    if (publicKeys.isEmpty()) {
      return;
    }
    StringBuilder set = new StringBuilder("set=1\n");
    publicKeys.forEach(k -> set.append("public_key=").append(toHex(k)).append("\nremove=true\n"));
    request(set.append('\n').toString());
  }

  private static void count(Map<String, long[]> transfer, String peer, int i, String value) {
    if (peer != null) {
      transfer.get(peer)[i] = Long.parseLong(value);
    }
  }

  /** The answer without its {@code errno} line; a non-zero errno fails. */
  private String request(String text) {
    String answer;
    try {
      answer = UapiExchange.send(socket, text.getBytes(StandardCharsets.US_ASCII), TIMEOUT);
    } catch (IOException e) {
      throw new OperationFailedException("the WireGuard server's control socket failed: " + e.getMessage(), e);
    }
    int at = answer.lastIndexOf("errno=");
    if (at < 0) {
      throw new OperationFailedException("the WireGuard server's control socket closed without an answer");
    }
    String errno = answer.substring(at + 6).strip();
    if (!errno.equals("0")) {
      throw new OperationFailedException("the WireGuard server refused the change (errno " + errno + ")");
    }
    return answer.substring(0, at);
  }

  static String toHex(String base64) {
    return HEX.formatHex(Base64.getDecoder().decode(base64));
  }

  static String toBase64(String hex) {
    return Base64.getEncoder().encodeToString(HEX.parseHex(hex));
  }
}
