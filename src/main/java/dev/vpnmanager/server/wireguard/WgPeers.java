package dev.vpnmanager.server.wireguard;

import dev.vpnmanager.common.OperationFailedException;
import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.docker.DockerUnavailableException;
import dev.vpnmanager.docker.ExecResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The {@code wg} commands run in a server's container (the fallback when the UAPI socket cannot be reached: a
 * remote engine, kernel WireGuard). Only public keys and addresses appear on a command line; preshared keys travel
 * on stdin. Never {@code wg show dump}: it prints private keys.
 */
final class WgPeers implements WgControl {
  static final Duration TIMEOUT = Duration.ofSeconds(15);
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=");
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private final ContainerRuntime runtime;
  private final Supplier<String> lookup;
  private String container;

  WgPeers(ContainerRuntime runtime, String container) {
    this(runtime, container, null);
  }

  /**
   * With a container id remembered from an earlier change (a remote node: no inspect per change); when the engine
   * refuses the exec there (the container was replaced or stopped), {@code lookup} finds the running one and the
   * command runs once more.
   */
  WgPeers(ContainerRuntime runtime, String container, Supplier<String> lookup) {
    this.runtime = runtime;
    this.container = container;
    this.lookup = lookup;
  }

  static boolean validKey(String key) {
    return key != null && KEY.matcher(key).matches();
  }

  static boolean validAddress(String address) {
    return address != null && IPV4.matcher(address).matches();
  }

  @Override
  public String containerId() {
    return container;
  }

  @Override
  public Map<String, String> allowedIps() {
    return allowedIps(run(List.of("wg", "show", "wg0", "allowed-ips"), null));
  }

  /** Allowed IPs and transfer counts read in one exec (a constant script: no data in it). */
  @Override
  public Snapshot snapshot() {
    String[] parts = run(List.of("sh", "-c", "wg show wg0 allowed-ips && echo -- && wg show wg0 transfer"), null)
        .split("(?m)^--$", 2);
    return new Snapshot(allowedIps(parts[0]), transfer(parts.length > 1 ? parts[1] : ""));
  }

  /**
   * One exec: a constant script reads the peers and counts, then runs {@code wg set wg0} with the removals as its
   * arguments ({@code peer KEY remove}, keys checked by {@link #validKey}).
   */
  @Override
  public Snapshot snapshotThenRemove(List<String> publicKeys) {
    List<String> cmd = new ArrayList<>(List.of("sh", "-c", "wg show wg0 allowed-ips && echo -- && "
        + "wg show wg0 transfer && if [ $# -gt 0 ]; then wg set wg0 \"$@\"; fi", "wg"));
    for (String k : publicKeys) {
      if (!validKey(k)) {
        throw new OperationFailedException("not a WireGuard public key: left alone");
      }
      cmd.addAll(List.of("peer", k, "remove"));
    }
    String[] parts = run(cmd, null).split("(?m)^--$", 2);
    return new Snapshot(allowedIps(parts[0]), transfer(parts.length > 1 ? parts[1] : ""));
  }

  private static Map<String, String> allowedIps(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String[] f : rows(text)) {
      String first = f.length < 2 || f[1].equals("(none)") ? "" : f[1].split(" ")[0];
      out.put(f[0], first.contains("/") ? first.substring(0, first.indexOf('/')) : first);
    }
    return out;
  }

  @Override
  public Map<String, long[]> transfer() {
    return transfer(run(List.of("wg", "show", "wg0", "transfer"), null));
  }

  private static Map<String, long[]> transfer(String text) {
    Map<String, long[]> out = new LinkedHashMap<>();
    for (String[] f : rows(text)) {
      if (f.length >= 3) {
        out.put(f[0], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
      }
    }
    return out;
  }

  /** One exec: a config fragment with the peers' keys on stdin (a constant script). */
  @Override
  public Map<String, String> add(List<Peer> peers) {
    StringBuilder conf = new StringBuilder();
    for (Peer p : peers) {
      conf.append("[Peer]\nPublicKey = ").append(p.publicKey()).append("\nPresharedKey = ").append(p.presharedKey())
          .append("\nAllowedIPs = ").append(p.address()).append("/32\n");
    }
    return allowedIps(run(List.of("sh", "-c", "wg addconf wg0 /dev/stdin && wg show wg0 allowed-ips"),
        conf.toString().getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public void remove(List<String> publicKeys) {
    if (publicKeys.isEmpty()) {
      return;
    }
    List<String> cmd = new ArrayList<>(List.of("wg", "set", "wg0"));
    for (String k : publicKeys) {
      cmd.addAll(List.of("peer", k, "remove"));
    }
    run(cmd, null);
  }

  private String run(List<String> command, byte[] stdin) {
    ExecResult r;
    try {
      r = runtime.exec(container, command, stdin, TIMEOUT);
    } catch (DockerUnavailableException e) {
      throw e;
    } catch (OperationFailedException e) {
      String fresh = lookup == null ? container : lookup.get();
      if (fresh.equals(container)) {
        throw e;
      }
      container = fresh;
      r = runtime.exec(container, command, stdin, TIMEOUT);
    }
    if (!r.ok()) {
      String why = r.stderr().isBlank() ? "exit code " + r.exitCode()
          : r.stderr().strip().lines().findFirst().orElse("");
      throw new OperationFailedException(command.get(1) + " failed on the WireGuard server: " + why);
    }
    return r.stdout();
  }

  private static List<String[]> rows(String text) {
    return text.lines().filter(l -> !l.isBlank()).map(l -> l.strip().split("\t")).toList();
  }
}
