package dev.vpnmanager.node;

import dev.vpnmanager.common.OperationFailedException;
import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.docker.EngineInfo;
import dev.vpnmanager.docker.Images;
import dev.vpnmanager.docker.TlsFiles;
import dev.vpnmanager.domain.VpnServer;
import io.ebean.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import javax.inject.Inject;

/**
 * The doctor's view of each remote node: does it answer, its engine and API version, the TLS client certificate
 * (valid? how long until it expires), the images its servers need, the engine's clock against ours, and whether the
 * ports its servers need are open there (read by {@link NodeFirewall}'s helper container; else the ports its operator
 * must open). One line each: {@code [level, name,
 * detail]} with level ok, warn or fail.
 */
public final class NodeChecks {
  private static final Duration SKEW = Duration.ofSeconds(30);
  private static final Duration EXPIRY_WARN = Duration.ofDays(14);
  private final NodeRuntimes nodes;
  private final Database db;
  private final Images images;
  private final Clock clock;
  private final NodeFirewall firewall;

  @Inject
  public NodeChecks(NodeRuntimes nodes, Database db, Images images, Clock clock, NodeFirewall firewall) {
    this.nodes = nodes;
    this.firewall = firewall;
    this.db = db;
    this.images = images;
    this.clock = clock;
  }

  public record Finding(String level, String name, String detail) {}

  /** Every remote node's findings; {@code transports} gives the transports (tcp, udp) of a protocol's servers. */
  public List<Finding> run(Function<String, List<String>> transports) {
    List<Finding> out = new ArrayList<>();
    for (String node : nodes.names()) {
      if (!NodeRuntimes.isLocal(node)) {
        check(node, out, transports);
      }
    }
    return out;
  }

  private void check(String node, List<Finding> out, Function<String, List<String>> transports) {
    String name = "node " + node;
    try {
      TlsFiles tls = TlsFiles.read(nodes.certDir(node));
      Duration left = Duration.between(clock.instant(), tls.client().getNotAfter().toInstant());
      out.add(left.isNegative() ? new Finding("fail", name + " certificate", "the client certificate expired on "
          + tls.client().getNotAfter().toInstant() + ": nodes remove, then nodes add with new files")
          : new Finding(left.compareTo(EXPIRY_WARN) < 0 ? "warn" : "ok", name + " certificate",
              "valid, expires in " + left.toDays() + " days (" + tls.client().getNotAfter().toInstant() + ")"));
    } catch (RuntimeException e) {
      out.add(new Finding("fail", name + " certificate", e.getMessage()));
      return;
    }
    ContainerRuntime r = nodes.runtime(node);
    EngineInfo info;
    try {
      info = r.info();
    } catch (OperationFailedException e) {
      out.add(new Finding("fail", name, "does not answer at " + r.endpoint() + ": " + e.getMessage()));
      return;
    }
    out.add(new Finding("ok", name, "engine " + info.version() + ", API " + info.apiVersion() + " at " + r.endpoint()));
    if (info.systemTime() != null) {
      Duration skew = Duration.between(clock.instant(), info.systemTime()).abs();
      out.add(new Finding(skew.compareTo(SKEW) > 0 ? "warn" : "ok", name + " clock",
          "differs from this host's by " + skew.toMillis() + " ms" + (skew.compareTo(SKEW) > 0
              ? ": set up time sync (chrony, systemd-timesyncd) on both" : "")));
    }
    List<VpnServer> on = db.find(VpnServer.class).where().eq("node", node).orderBy("name").findList();
    Set<String> needed = new LinkedHashSet<>();
    on.forEach(s -> needed.add(images.forProtocol(s.getProtocol(),
        dev.vpnmanager.protocol.Credentials.fromJson(s.getSettings()).get("core"))));
    List<String> missing = needed.stream().filter(i -> !r.imagePresent(i)).toList();
    out.add(new Finding(missing.isEmpty() ? "ok" : "warn", name + " images", missing.isEmpty()
        ? (needed.isEmpty() ? "no servers yet" : "present: " + String.join(", ", needed))
        : "missing (pulled at the next install or start): " + String.join(", ", missing)));
    if (!on.isEmpty()) {
      out.add(firewall(node, on, transports));
    }
  }

  /** The ports the node's servers need against the rules the helper container finds there. */
  private Finding firewall(String node, List<VpnServer> on, Function<String, List<String>> transports) {
    String name = "node " + node + " firewall";
    List<String> needed = new java.util.ArrayList<>();
    for (VpnServer s : on) {
      for (String t : transports.apply(s.getProtocol())) {
        needed.add(s.getPort() + "/" + t);
      }
    }
    List<String> opened;
    try {
      opened = firewall.opened(node);
    } catch (RuntimeException e) {
      return new Finding("warn", name, "cannot read it (" + e.getMessage() + "): open " + String.join(", ", needed)
          + " there yourself");
    }
    List<String> missing = needed.stream().filter(p -> !opened.contains(p)).toList();
    return missing.isEmpty() ? new Finding("ok", name, "open: " + String.join(", ", needed))
        : new Finding("warn", name, "not opened by the manager: " + String.join(", ", missing)
            + " (servers restart NAME opens them, or open them yourself)");
  }
}
