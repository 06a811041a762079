package dev.vpnmanager.doctor;

import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.docker.ContainerState;
import dev.vpnmanager.docker.DockerUnavailableException;
import dev.vpnmanager.docker.HostPorts;
import dev.vpnmanager.docker.Images;
import dev.vpnmanager.docker.Labels;
import dev.vpnmanager.domain.VpnServer;
import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.protocol.LanWall;
import dev.vpnmanager.server.ServerDefinitions;
import dev.vpnmanager.server.runtime.ApiSockets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.inject.Inject;

/** Doctor's Docker checks: engine and version, images, each managed container's state and health, ports. */
public final class DockerChecks {
  private final ContainerRuntime runtime;
  private final Images images;
  private final ServerDefinitions servers;
  private final HostPorts ports;
  private final ApiSockets sockets;

  @Inject
  public DockerChecks(ContainerRuntime runtime, Images images, ServerDefinitions servers, HostPorts ports,
                      ApiSockets sockets) {
    this.runtime = runtime;
    this.images = images;
    this.servers = servers;
    this.ports = ports;
    this.sockets = sockets;
  }

  public List<Check> run() {
    List<Check> out = new ArrayList<>();
    // servers on remote nodes are checked by the node checks, against their own engines
    List<VpnServer> defined = servers.list().stream().filter(s -> "local".equals(s.getNode())).toList();
    boolean anyDeployed = defined.stream().anyMatch(VpnServer::isDeployed);
    try {
      out.add(new Check("docker", Check.Status.OK, "engine " + runtime.engineVersion() + " at " + runtime.endpoint()));
    } catch (DockerUnavailableException e) {
      out.add(new Check("docker", anyDeployed ? Check.Status.FAIL : Check.Status.WARN, e.getMessage()));
      return out;
    }
    out.add(images(defined));
    Map<String, ContainerState> byServer = runtime.listManaged().stream()
        .filter(c -> c.server() != null)
        .collect(Collectors.toMap(ContainerState::server, Function.identity(), (a, b) -> a));
    for (VpnServer s : defined) {
      ContainerState c = byServer.remove(s.getName());
      Optional.ofNullable(container(s, c)).ifPresent(out::add);
      Optional.ofNullable(wall(s, c)).ifPresent(out::add);
      Optional.ofNullable(api(s, c)).ifPresent(out::add);
    }
    byServer.values().forEach(c -> out.add(new Check("container " + c.name(), Check.Status.WARN,
        "belongs to server '" + c.server() + "', which is not in the database: remove it with docker rm -f "
            + c.name())));
    return out;
  }

  private Check images(List<VpnServer> defined) {
    List<String> missing = new ArrayList<>();
    boolean neededMissing = false;
    for (Map.Entry<String, String> e : images.all().entrySet()) {
      if (!runtime.imagePresent(e.getValue())) {
        missing.add(e.getValue() + " (" + e.getKey() + ")");
        // images.PROTOCOL, or images.PROTOCOL-CORE for a server on that core (shadowsocks-xray)
        neededMissing |= defined.stream().anyMatch(s -> s.getProtocol().equals(e.getKey()) || e.getKey().equals(
            s.getProtocol() + "-" + dev.vpnmanager.protocol.Credentials.fromJson(s.getSettings()).get("core")));
      }
    }
    if (missing.isEmpty()) {
      return new Check("images", Check.Status.OK, "all present: " + String.join(", ", images.all().values().stream()
          .distinct().toList()));
    }
    if (!neededMissing) {
      return new Check("images", Check.Status.OK, "pulled on first install: " + String.join(", ", missing));
    }
    return new Check("images", Check.Status.WARN, "not present: " + String.join(", ", missing)
        + " — docker pull them, or set images.* (VPN_IMAGES_*) to local ones");
  }

  private Check container(VpnServer s, ContainerState c) {
    String name = "server " + s.getName();
    if (c == null) {
      if (!s.isDeployed()) {
        return portCheck(s);
      }
      return new Check(name, Check.Status.FAIL, "deployed, but its container is gone: run servers start "
          + s.getName());
    }
    if (!c.running()) {
      return new Check(name, s.isDeployed() ? Check.Status.FAIL : Check.Status.WARN, "container " + c.name()
          + " is " + c.summary() + ": run servers start " + s.getName() + " (logs: servers logs " + s.getName() + ")");
    }
    return switch (c.health()) {
      case "unhealthy" -> new Check(name, Check.Status.FAIL, "container " + c.name() + " is " + c.summary()
          + ": see servers logs " + s.getName());
      case "starting" -> new Check(name, Check.Status.WARN, "container " + c.name() + " is " + c.summary());
      default -> new Check(name, Check.Status.OK, "container " + c.name() + " is " + c.summary()
          + ", port " + s.getPort());
    };
  }

  /**
   * A container planned before the block of private destinations (no wall label, or an older one) still lets its
   * users reach the host's loopback (the cores' APIs, ss-manager) and private networks until it is rebuilt.
   */
  private static Check wall(VpnServer s, ContainerState c) {
    if (c == null || LanWall.VERSION.equals(c.labels().get(Labels.WALL))) {
      return null;
    }
    return new Check("wall " + s.getName(), Check.Status.FAIL, "container " + c.name() + " predates the block of "
        + "private destinations: its users can reach the host's loopback (management APIs) and private networks; "
        + "run servers restart " + s.getName());
  }

  /**
   * The cores' management APIs (v2ray/Xray gRPC, ss-manager) have no authentication. On a Unix socket in the data
   * dir (the container's {@link Labels#API} label) only the manager reaches them; on the host's loopback any local
   * account can (users' tunnels cannot: the wall). A container planned before the sockets moves at its restart.
   */
  private Check api(VpnServer s, ContainerState c) {
    String port = Credentials.fromJson(s.getSettings()).get("apiPort");
    if (c == null || !c.running() || port == null) {
      return null;
    }
    String name = "api " + s.getName();
    if ("socket".equals(c.labels().get(Labels.API))) {
      return new Check(name, Check.Status.OK, "management API on a Unix socket in " + sockets.dir(s.getName())
          + " (only the manager reaches it)");
    }
    String open = "management API on 127.0.0.1:" + port + " without authentication: any local account of this host "
        + "can reach it (users' tunnels cannot)";
    return sockets.unavailable(s.getName(), s.getNode())
        .map(why -> new Check(name, Check.Status.WARN, open + "; it stays there because " + why
            + ": keep untrusted accounts off this host"))
        .orElseGet(() -> new Check(name, Check.Status.WARN, open + "; container " + c.name()
            + " predates the API sockets: run servers restart " + s.getName() + " to move the API to a socket"));
  }

  private Check portCheck(VpnServer s) {
    for (String proto : List.of("tcp", "udp")) {
      Optional<String> holder = ports.holder(s.getPort(), proto);
      if (holder.isPresent()) {
        return new Check("server " + s.getName(), Check.Status.WARN, "not deployed; its port " + s.getPort() + "/"
            + proto + " is taken by " + holder.get() + ": install it on another port");
      }
    }
    return null;
  }
}
