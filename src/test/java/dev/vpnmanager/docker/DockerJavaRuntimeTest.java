package dev.vpnmanager.docker;

import dev.vpnmanager.config.Settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.vpnmanager.common.OperationFailedException;
import dev.vpnmanager.testing.DockerPeer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The docker-java runtime against a real engine and the local test images. */
class DockerJavaRuntimeTest {
  private static final String PREFIX = "vpnm-rt-" + UUID.randomUUID().toString().substring(0, 8) + "-";
  private static ContainerRuntime rt;
  private static DockerClient raw;
  private static String image;

  @BeforeAll
  static void engine() {
    rt = DockerPeer.runtime();
    image = DockerPeer.requireImage(rt, DockerPeer.V2RAY);
    raw = DockerClients.connect(rt.endpoint());
  }

  @AfterAll
  static void cleanUp() throws Exception {
    if (raw == null) {
      return;
    }
    for (Container c : raw.listContainersCmd().withShowAll(true).exec()) {
      if (c.getNames()[0].startsWith("/" + PREFIX)) {
        raw.removeContainerCmd(c.getId()).withForce(true).exec();
      }
    }
    raw.close();
  }

  private static ContainerSpec.Builder spec(String name) {
    return ContainerSpec.builder("srv-" + name, PREFIX + name, image).restartPolicy("no");
  }

  @Test
  void lifecycleOfAManagedContainer() {
    String id = rt.create(spec("life")
        .entrypoint("sh", "-c", "echo started-out; echo started-err >&2; exec sleep 600")
        .file("/etc/vpn/settings.json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8), 0600)
        .health(new HealthSpec(List.of("cat", "/etc/vpn/settings.json"), Duration.ofMillis(300),
            Duration.ofSeconds(2), 2, Duration.ofSeconds(5)))
        .build());
    ContainerState created = rt.inspect(id).orElseThrow();
    assertEquals("created", created.status());
    assertEquals("true", created.labels().get(Labels.MANAGED));
    assertEquals("srv-life", created.server());

    rt.start(id);
    ContainerState running = waitFor(id, s -> "healthy".equals(s.health()));
    assertTrue(running.running());
    assertNotNull(running.startedAt());
    assertEquals(0, running.restartCount());

    ExecResult cat = rt.exec(id, List.of("stat", "-c", "%a", "/etc/vpn/settings.json"), null, Duration.ofSeconds(10));
    assertEquals("600", cat.stdout().trim());
    ExecResult stdin = rt.exec(id, List.of("sh", "-c", "cat > /tmp/in && cat /tmp/in"),
        "secret-from-stdin\n".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(10));
    assertEquals(0, stdin.exitCode());
    assertEquals("secret-from-stdin\n", stdin.stdout());
    ExecResult failing = rt.exec(id, List.of("sh", "-c", "echo bad >&2; exit 3"), null, Duration.ofSeconds(10));
    assertEquals(3, failing.exitCode());
    assertEquals("bad\n", failing.stderr());

    String logs = rt.logs(id, 10);
    assertTrue(logs.contains("started-out") && logs.contains("started-err"), logs);

    rt.stop(id, Duration.ofSeconds(1));
    assertFalse(rt.inspect(id).orElseThrow().running());
    rt.start(id);
    assertTrue(rt.inspect(id).orElseThrow().running());
    rt.remove(id);
    assertTrue(rt.inspect(id).isEmpty());
    rt.remove(id);
  }

  @Test
  void listsOnlyManagedContainersAndNeverTouchesOthers() throws Exception {
    String ours = rt.create(spec("ours").entrypoint("sleep", "600").build());
    String foreign = raw.createContainerCmd(image).withName(PREFIX + "foreign").withEntrypoint("sleep", "600")
        .exec().getId();
    raw.startContainerCmd(foreign).exec();

    List<String> managed = rt.listManaged().stream().map(ContainerState::id).toList();
    assertTrue(managed.contains(ours));
    assertFalse(managed.contains(foreign));

    assertThrows(OperationFailedException.class, () -> rt.stop(foreign, Duration.ofSeconds(1)));
    assertThrows(OperationFailedException.class, () -> rt.remove(foreign));
    assertThrows(OperationFailedException.class, () -> rt.remove(PREFIX + "foreign"));
    assertThrows(OperationFailedException.class, () -> rt.exec(foreign, List.of("true"), null, Duration.ofSeconds(5)));
    assertThrows(OperationFailedException.class, () -> rt.restart(foreign, Duration.ofSeconds(1)));
    assertThrows(OperationFailedException.class, () -> rt.putFile(foreign, "/tmp/x", new byte[1], 0644));
    assertTrue(raw.inspectContainerCmd(foreign).exec().getState().getRunning());
    rt.remove(ours);
  }

  @Test
  void restartKeepsTheContainerAndCountsNothingAsACrash() {
    String id = rt.create(spec("restart").entrypoint("sleep", "600").build());
    rt.start(id);
    ContainerState before = rt.inspect(id).orElseThrow();
    rt.restart(id, Duration.ofSeconds(1));
    ContainerState after = rt.inspect(id).orElseThrow();
    assertTrue(after.running());
    assertTrue(after.startedAt().isAfter(before.startedAt()));
    rt.remove(id);
  }

  @Test
  void publishedPortsAndHostPortChecks() throws Exception {
    int port;
    try (var probe = new java.net.ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    HostPorts ports = new HostPorts(rt);
    assertTrue(ports.isFree(port, "tcp"));
    String id = rt.create(spec("ports").entrypoint("sleep", "600")
        .port(new PortMapping(port, 1080, "tcp", "127.0.0.1")).build());
    rt.start(id);
    assertTrue(rt.publishedPorts().stream().anyMatch(p -> p.port() == port && "tcp".equals(p.protocol())));
    assertTrue(ports.holder(port, "tcp").isPresent());
    rt.remove(id);
    try (var held = new java.net.ServerSocket(0)) {
      assertEquals("a process on this host", ports.holder(held.getLocalPort(), "tcp").orElseThrow());
    }
  }

  @Test
  void networksAreLabelledAndForeignOnesLeftAlone() {
    String name = PREFIX + "net";
    String id = rt.ensureNetwork(name);
    assertEquals(id, rt.ensureNetwork(name));
    rt.removeNetwork(name);
    rt.removeNetwork(name);
    String foreign = raw.createNetworkCmd().withName(PREFIX + "foreign-net").exec().getId();
    try {
      assertThrows(OperationFailedException.class, () -> rt.removeNetwork(PREFIX + "foreign-net"));
      assertEquals(foreign, raw.inspectNetworkCmd().withNetworkId(foreign).exec().getId());
    } finally {
      raw.removeNetworkCmd(foreign).exec();
    }
  }

  @Test
  void anUnreachableEngineIsAClearError() {
    for (String endpoint : List.of("unix:///nonexistent/docker.sock", "tcp://127.0.0.1:1")) {
      DockerJavaRuntime down = new DockerJavaRuntime(endpoint, java.time.Clock.systemUTC());
      DockerUnavailableException e = assertThrows(DockerUnavailableException.class, down::engineVersion);
      assertTrue(e.getMessage().contains(endpoint) && e.getMessage().contains("VPN_DOCKER_HOST"), e.getMessage());
      assertThrows(DockerUnavailableException.class, () -> down.create(spec("never").build()));
    }
  }

  @Test
  void endpointComesFromSettingsThenDockerHostThenTheLocalSocket() {
    var none = Settings.of(Map.of());
    var set = Settings.of(Map.of("docker.host", "tcp://10.0.0.5:2375"));
    assertEquals("tcp://10.0.0.5:2375", DockerEndpoint.resolve(set, Map.of("DOCKER_HOST", "unix:///x.sock")));
    assertEquals("unix:///x.sock", DockerEndpoint.resolve(none, Map.of("DOCKER_HOST", "unix:///x.sock")));
    assertEquals(DockerEndpoint.LOCAL_SOCKET, DockerEndpoint.resolve(none, Map.of()));
  }

  private static ContainerState waitFor(String id, java.util.function.Predicate<ContainerState> ok) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    ContainerState s = rt.inspect(id).orElseThrow();
    while (!ok.test(s) && System.nanoTime() < deadline) {
      sleep(100);
      s = rt.inspect(id).orElseThrow();
    }
    assertTrue(ok.test(s), "container never reached the state: " + s);
    return s;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
