package dev.vpnmanager.server.live;

import dev.vpnmanager.alert.ServerHealth;
import dev.vpnmanager.alert.ServerHealthSource;
import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.docker.ContainerState;
import dev.vpnmanager.docker.ContainerStats;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Singleton;

/** State, CPU and memory of every deployed server's container, from the container runtime. */
@Singleton
public final class ContainerHealthSource implements ServerHealthSource {
  private final LiveServers servers;

  @Inject
  public ContainerHealthSource(LiveServers servers) {
    this.servers = servers;
  }

  /** Kept for callers that name the runtime; each server's own node is asked anyway. */
  public ContainerHealthSource(LiveServers servers, ContainerRuntime runtime) {
    this(servers);
  }

  @Override
  public List<ServerHealth> poll() {
    List<ServerHealth> out = new ArrayList<>();
    for (LiveServers.Deployed d : servers.deployed()) {
      String name = d.server().getName();
      if (d.container().isEmpty()) {
        out.add(new ServerHealth(name, ServerHealth.State.MISSING, 0, 0));
        continue;
      }
      ContainerState c = d.container().get();
      if (!c.running()) {
        out.add(new ServerHealth(name, ServerHealth.State.STOPPED, 0, 0));
      } else if ("unhealthy".equals(c.health())) {
        out.add(new ServerHealth(name, ServerHealth.State.UNHEALTHY, 0, 0));
      } else {
        ContainerStats s = stats(servers.runtimeOf(dev.vpnmanager.server.ServerSpecs.of(d.server())), c.id());
        out.add(new ServerHealth(name, ServerHealth.State.RUNNING, s.cpuPercent(), s.memoryPercent()));
      }
    }
    return out;
  }

  private static ContainerStats stats(ContainerRuntime runtime, String id) {
    try {
      return runtime.stats(id);
    } catch (RuntimeException e) {
      return new ContainerStats(0, 0);
    }
  }
}
