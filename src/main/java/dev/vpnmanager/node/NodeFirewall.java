package dev.vpnmanager.node;

import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.common.OperationFailedException;
import dev.vpnmanager.config.ConfigKeys;
import dev.vpnmanager.config.Settings;
import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.docker.ContainerSpec;
import dev.vpnmanager.docker.ExecResult;
import dev.vpnmanager.docker.Images;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A remote node's firewall, changed through its engine alone: a short-lived helper container on the node's host
 * network with NET_ADMIN, from the WireGuard image (it carries iptables; pulled when the node lacks it), that runs
 * {@code iptables} with an argument list (no shell): the same rule as scripts/firewall.sh makes on the manager's
 * host ({@code INPUT -p PROTO --dport PORT -m comment --comment vpn-manager -j ACCEPT}), checked first so open and
 * close are idempotent. Where that cannot be done (firewall.mode off or dry-run, no such image on the node, the
 * helper fails) the answer says which ports its operator must open.
 */
@Singleton
public final class NodeFirewall {
  private static final Logger LOG = LoggerFactory.getLogger(NodeFirewall.class);
  static final String COMMENT = "vpn-manager";
  private static final Duration T = Duration.ofSeconds(20);
  private static final Pattern RULE = Pattern.compile(
      "-A INPUT .*-p (tcp|udp) .*--dport (\\d+) .*--comment \"?" + COMMENT + "\"? .*-j ACCEPT");
  private static final SecureRandom RANDOM = new SecureRandom();
  private final NodeRuntimes nodes;
  private final Images images;
  private final Settings settings;

  @Inject
  public NodeFirewall(NodeRuntimes nodes, Images images, Settings settings) {
    this.nodes = nodes;
    this.images = images;
    this.settings = settings;
  }

  /** What was done: {@code applied} false means nothing changed and {@code detail} says what the operator must do. */
  public record Result(boolean applied, String detail) {}

  /** Whether the manager changes nodes' firewalls itself (firewall.mode auto), rather than telling the operator. */
  public boolean automatic() {
    return "auto".equals(settings.get(ConfigKeys.FIREWALL_MODE));
  }

  /** Opens the port for each transport on the node; never throws for the node's sake (the answer says why). */
  public Result open(String node, int port, List<String> transports) {
    List<String> ports = ports(port, transports);
    String manual = "open " + String.join(", ", ports) + " in node " + node + "'s firewall yourself";
    String mode = settings.get(ConfigKeys.FIREWALL_MODE);
    if (!"auto".equals(mode)) {
      return new Result(false, "firewall.mode is " + mode + ": " + manual);
    }
    try {
      helper(node, (rt, id) -> {
        for (String t : transports) {
          if (!iptables(rt, id, "-C", port, t).ok()) {
            require(iptables(rt, id, "-I", port, t), "add");
          }
        }
      });
      return new Result(true, "opened " + String.join(", ", ports) + " on node " + node
          + " (iptables, by a helper container)");
    } catch (OperationFailedException | InvalidInputException e) {
      LOG.warn("could not open {} on node {}: {}", ports, node, e.getMessage());
      return new Result(false, e.getMessage() + ": " + manual);
    }
  }

  /** Closes the port's rules on the node (every copy); a failure is logged and returned, not thrown. */
  public Result close(String node, int port, List<String> transports) {
    if (!"auto".equals(settings.get(ConfigKeys.FIREWALL_MODE))) {
      return new Result(false, "firewall.mode is not auto: close " + String.join(", ", ports(port, transports))
          + " on node " + node + " yourself");
    }
    try {
      helper(node, (rt, id) -> {
        for (String t : transports) {
          for (int i = 0; i < 16 && iptables(rt, id, "-C", port, t).ok(); i++) {
            require(iptables(rt, id, "-D", port, t), "delete");
          }
        }
      });
      return new Result(true, "closed " + String.join(", ", ports(port, transports)) + " on node " + node);
    } catch (OperationFailedException | InvalidInputException e) {
      LOG.warn("could not close port {} on node {}: {}", port, node, e.getMessage());
      return new Result(false, e.getMessage());
    }
  }

  /** The ports the manager's rules open on the node ("443/tcp"), read by the helper; throws when it cannot. */
  public List<String> opened(String node) {
    if (!"auto".equals(settings.get(ConfigKeys.FIREWALL_MODE))) {
      throw new OperationFailedException("firewall.mode is " + settings.get(ConfigKeys.FIREWALL_MODE));
    }
    List<String> out = new ArrayList<>();
    helper(node, (rt, id) -> {
      ExecResult r = rt.exec(id, List.of("iptables", "-S", "INPUT"), null, T);
      require(r, "list");
      for (String line : r.stdout().split("\n")) {
        Matcher m = RULE.matcher(line.strip());
        if (m.find()) {
          out.add(m.group(2) + "/" + m.group(1));
        }
      }
    });
    return out;
  }

  static List<String> ports(int port, List<String> transports) {
    if (port < 1 || port > 65535) {
      throw new InvalidInputException("port must be from 1 to 65535, not " + port);
    }
    for (String t : transports) {
      if (!"tcp".equals(t) && !"udp".equals(t)) {
        throw new InvalidInputException("protocol must be tcp or udp, not '" + t + "'");
      }
    }
    return transports.stream().map(t -> port + "/" + t).toList();
  }

  @FunctionalInterface
  private interface Work {
    void run(ContainerRuntime rt, String id);
  }

  private static final String HELPER_PREFIX = "vpn-manager-firewall-";

  /** Runs the work in a helper container on the node's host network, removed afterwards whatever happens. */
  private void helper(String node, Work work) {
    if (NodeRuntimes.isLocal(node)) {
      throw new InvalidInputException("the local node's firewall is scripts/firewall.sh's");
    }
    ContainerRuntime rt = nodes.runtime(node);
    String image = images.forProtocol("wireguard");
    if (!rt.imagePresent(image)) {
      try {
        rt.pull(image);
      } catch (OperationFailedException e) {
        throw new OperationFailedException("node " + node + " has no image with iptables (" + image
            + ") and could not pull it", e);
      }
    }
    removeStaleHelpers(rt, node);
    String name = HELPER_PREFIX + HexFormat.of().formatHex(bytes(4));
    String id = rt.create(ContainerSpec.builder("node-firewall", name, image).hostNetwork().capAdd("NET_ADMIN")
        .restartPolicy("no").entrypoint("sleep", "120").build());
    try {
      rt.start(id);
      work.run(rt, id);
    } finally {
      try {
        rt.remove(id);
      } catch (RuntimeException e) {
        LOG.warn("could not remove the firewall helper {} on node {}: {}", name, node, e.getMessage());
      }
    }
  }

  /**
   * Helpers that no longer run: left by a manager killed between a helper's start and its removal (it sleeps
   * 120 s, then exits; a restart of the node's engine stops it at once). A running one may be another
   * operation's, so it is left alone until it has exited.
   */
  private static void removeStaleHelpers(ContainerRuntime rt, String node) {
    try {
      for (var c : rt.listManaged()) {
        if (c.name() != null && c.name().replaceFirst("^/", "").startsWith(HELPER_PREFIX) && !c.running()) {
          rt.remove(c.id());
          LOG.info("removed the firewall helper {} a killed manager left on node {}", c.name(), node);
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("could not look for stale firewall helpers on node {}: {}", node, e.getMessage());
    }
  }

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  private static ExecResult iptables(ContainerRuntime rt, String id, String op, int port, String transport) {
    return rt.exec(id, List.of("iptables", op, "INPUT", "-p", transport, "--dport", Integer.toString(port), "-m",
        "comment", "--comment", COMMENT, "-j", "ACCEPT"), null, T);
  }

  private static void require(ExecResult r, String what) {
    if (!r.ok()) {
      String why = (r.stderr() + r.stdout()).strip().lines().findFirst().orElse("exit code " + r.exitCode());
      throw new OperationFailedException("iptables could not " + what + " the rule on the node: " + why);
    }
  }
}
