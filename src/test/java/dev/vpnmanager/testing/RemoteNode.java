package dev.vpnmanager.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A second Docker engine acting as a remote node (scripts/test-node.sh): its own network namespace and address
 * (198.19.N.2; the host's end of the veth is 198.19.N.1), dockerd with --tlsverify on tcp://198.19.N.2:2376,
 * certificates made with openssl, the given images loaded with docker save | load. Needs root, nsenter, openssl,
 * dockerd: without them the test is skipped with the reason, and fails under VPN_REQUIRE_PEERS=true.
 */
public final class RemoteNode implements AutoCloseable {
  public final String docker;
  public final Path tlsDir;
  public final String address;
  public final String hostAddress;
  private final Map<String, String> env;
  private final Path script;

  private RemoteNode(Map<String, String> exports, Map<String, String> env, Path script) {
    this.docker = exports.get("VPN_TEST_NODE_DOCKER");
    this.tlsDir = Path.of(exports.get("VPN_TEST_NODE_TLS_DIR"));
    this.address = exports.get("VPN_TEST_NODE_ADDR");
    this.hostAddress = exports.get("VPN_TEST_NODE_HOST_ADDR");
    this.env = env;
    this.script = script;
  }

  /** Starts a node of this test run's own (a fresh namespace, address and directory) with the images loaded. */
  public static RemoteNode start(String... images) {
    if (!"root".equals(System.getProperty("user.name"))) {
      missing("a remote node needs root (a network namespace and a second dockerd)");
    }
    for (String tool : List.of("ip", "nsenter", "openssl", "dockerd", "docker")) {
      if (run(Map.of(), List.of("sh", "-c", "command -v \"$0\" >/dev/null", tool)).code != 0) {
        missing("a remote node needs " + tool);
      }
    }
    Path script = Path.of("scripts/test-node.sh").toAbsolutePath();
    Map<String, String> env = new HashMap<>();
    long pid = ProcessHandle.current().pid();
    for (int tries = 0; tries < 20; tries++) {
      int n = 1 + new SecureRandom().nextInt(250);
      if (run(Map.of(), List.of("sh", "-c", "ip -o -4 addr show | grep -qF \" 198.19.$0.\"",
          Integer.toString(n))).code == 0) {
        continue; // someone else's
      }
      env.put("VPN_TEST_NODE_NAME", "vpnm-n" + n + "-" + pid % 100000);
      env.put("VPN_TEST_NODE_NET", "198.19." + n);
      env.put("VPN_TEST_NODE_DIR", "/tmp/vpnm-node-" + n + "-" + pid);
      break;
    }
    List<String> cmd = new ArrayList<>(List.of(script.toString(), "start"));
    cmd.addAll(List.of(images));
    Out out = run(env, cmd);
    if (out.code != 0) {
      fail("scripts/test-node.sh start failed (" + out.code + "): " + out.text);
    }
    Map<String, String> exports = new HashMap<>();
    out.text.lines().filter(l -> l.startsWith("export ")).forEach(l -> {
      int eq = l.indexOf('=');
      exports.put(l.substring(7, eq), l.substring(eq + 1));
    });
    return new RemoteNode(exports, env, script);
  }

  /** The node's INPUT chain as iptables in its network namespace lists it ({@code iptables -S INPUT}). */
  public String inputRules() {
    return iptables("-S", "INPUT");
  }

  /** Runs iptables in the node's network namespace (as its operator would on the node) and returns its output. */
  public String iptables(String... args) {
    List<String> cmd = new ArrayList<>(List.of("nsenter", "--net=/var/run/netns/" + env.get("VPN_TEST_NODE_NAME"),
        "iptables"));
    cmd.addAll(List.of(args));
    Out o = run(Map.of(), cmd);
    require(o, String.join(" ", cmd));
    return o.text;
  }

  /** Stops the node's engine (its containers stop with it): an outage. */
  public void stopEngine() {
    require(run(env, List.of(script.toString(), "stop-engine")), "stop-engine");
  }

  /** Starts the engine again (containers with restart policy unless-stopped come back). */
  public void startEngine() {
    require(run(env, List.of(script.toString(), "start-engine")), "start-engine");
  }

  @Override
  public void close() {
    run(env, List.of(script.toString(), "stop"));
  }

  private static void require(Out o, String what) {
    if (o.code != 0) {
      fail("scripts/test-node.sh " + what + ": " + o.text);
    }
  }

  private static void missing(String why) {
    if (Peers.required()) {
      fail(why + " (VPN_REQUIRE_PEERS=true)");
    }
    assumeTrue(false, why + ": remote-node test skipped");
  }

  private record Out(int code, String text) {}

  private static Out run(Map<String, String> env, List<String> cmd) {
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      pb.environment().putAll(env);
      Process p = pb.start();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(180, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return new Out(-1, text + " (timed out)");
      }
      return new Out(p.exitValue(), text);
    } catch (IOException e) {
      return new Out(-1, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Out(-1, "interrupted");
    }
  }
}
