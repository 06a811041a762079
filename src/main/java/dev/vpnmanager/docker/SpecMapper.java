package dev.vpnmanager.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Volume;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Turns a {@link ContainerSpec} into docker-java's create command, adding the managed labels. */
final class SpecMapper {
  private SpecMapper() {}

  static CreateContainerCmd toCommand(DockerClient client, ContainerSpec spec) {
    Map<String, String> labels = new HashMap<>(spec.labels());
    labels.put(Labels.MANAGED, "true");
    labels.put(Labels.SERVER, spec.server());
    CreateContainerCmd cmd = client.createContainerCmd(spec.image())
        .withName(spec.name())
        .withLabels(labels)
        .withEnv(spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
        .withHostConfig(hostConfig(spec));
    if (spec.entrypoint() != null) {
      cmd.withEntrypoint(spec.entrypoint());
    }
    if (spec.command() != null) {
      cmd.withCmd(spec.command());
    }
    if (spec.user() != null) {
      cmd.withUser(spec.user());
    }
    if (!spec.ports().isEmpty() && !spec.hostNetwork()) {
      cmd.withExposedPorts(spec.ports().stream().map(SpecMapper::exposed).toList());
    }
    if (spec.health() != null) {
      List<String> test = new ArrayList<>();
      test.add("CMD");
      test.addAll(spec.health().command());
      cmd.withHealthcheck(new HealthCheck().withTest(test)
          .withInterval(spec.health().interval().toNanos())
          .withTimeout(spec.health().timeout().toNanos())
          .withRetries(spec.health().retries())
          .withStartPeriod(spec.health().startPeriod().toNanos()));
    }
    return cmd;
  }

  private static HostConfig hostConfig(ContainerSpec spec) {
    HostConfig hc = HostConfig.newHostConfig()
        .withRestartPolicy(RestartPolicy.parse(spec.restartPolicy()))
        .withCapAdd(spec.capAdd().stream().map(Capability::valueOf).toArray(Capability[]::new))
        .withCapDrop(spec.capDrop().stream().map(Capability::valueOf).toArray(Capability[]::new))
        .withDevices(spec.devices().stream().map(d -> new Device("rwm", d, d)).toList());
    if (!spec.sysctls().isEmpty()) {
      hc.withSysctls(spec.sysctls());
    }
    if (!spec.binds().isEmpty()) {
      hc.withBinds(spec.binds().entrySet().stream().map(e -> new Bind(e.getKey(), new Volume(e.getValue()))).toList());
    }
    if (spec.hostNetwork()) {
      hc.withNetworkMode("host");
    } else {
      if (spec.network() != null) {
        hc.withNetworkMode(spec.network());
      }
      Ports bindings = new Ports();
      for (PortMapping p : spec.ports()) {
        bindings.bind(exposed(p), p.hostIp().isEmpty() ? Ports.Binding.bindPort(p.hostPort())
            : Ports.Binding.bindIpAndPort(p.hostIp(), p.hostPort()));
      }
      hc.withPortBindings(bindings);
    }
    return hc;
  }

  private static ExposedPort exposed(PortMapping p) {
    return "udp".equals(p.protocol()) ? ExposedPort.udp(p.containerPort()) : ExposedPort.tcp(p.containerPort());
  }
}
