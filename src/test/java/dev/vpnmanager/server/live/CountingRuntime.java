package dev.vpnmanager.server.live;

import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.docker.ContainerSpec;
import dev.vpnmanager.docker.ContainerState;
import dev.vpnmanager.docker.ContainerStats;
import dev.vpnmanager.docker.ExecResult;
import dev.vpnmanager.docker.PublishedPort;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** The real runtime, counting the execs and inspects asked of it (which path a live change took). */
final class CountingRuntime implements ContainerRuntime {
  private final ContainerRuntime real;
  final AtomicInteger execs = new AtomicInteger();
  final AtomicInteger inspects = new AtomicInteger();

  CountingRuntime(ContainerRuntime real) {
    this.real = real;
  }

  @Override
  public String endpoint() {
    return real.endpoint();
  }

  @Override
  public String engineVersion() {
    return real.engineVersion();
  }

  @Override
  public boolean imagePresent(String image) {
    return real.imagePresent(image);
  }

  @Override
  public void pull(String image) {
    real.pull(image);
  }

  @Override
  public String create(ContainerSpec spec) {
    return real.create(spec);
  }

  @Override
  public void start(String id) {
    real.start(id);
  }

  @Override
  public void stop(String id, Duration timeout) {
    real.stop(id, timeout);
  }

  @Override
  public void restart(String id, Duration timeout) {
    real.restart(id, timeout);
  }

  @Override
  public void remove(String id) {
    real.remove(id);
  }

  @Override
  public Optional<ContainerState> inspect(String idOrName) {
    inspects.incrementAndGet();
    return real.inspect(idOrName);
  }

  @Override
  public String logs(String id, int tail) {
    return real.logs(id, tail);
  }

  @Override
  public ExecResult exec(String id, List<String> command, byte[] stdin, Duration timeout) {
    execs.incrementAndGet();
    return real.exec(id, command, stdin, timeout);
  }

  @Override
  public void putFile(String id, String path, byte[] content, int mode) {
    real.putFile(id, path, content, mode);
  }

  @Override
  public ContainerStats stats(String id) {
    return real.stats(id);
  }

  @Override
  public List<ContainerState> listManaged() {
    return real.listManaged();
  }

  @Override
  public String ensureNetwork(String name) {
    return real.ensureNetwork(name);
  }

  @Override
  public void removeNetwork(String name) {
    real.removeNetwork(name);
  }

  @Override
  public List<PublishedPort> publishedPorts() {
    return real.publishedPorts();
  }
}
