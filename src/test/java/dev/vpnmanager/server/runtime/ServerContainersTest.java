package dev.vpnmanager.server.runtime;

import dev.vpnmanager.server.ServerEvent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.common.ConflictException;
import dev.vpnmanager.common.OperationFailedException;
import dev.vpnmanager.config.Settings;
import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.docker.ContainerState;
import dev.vpnmanager.docker.DockerJavaRuntime;
import dev.vpnmanager.docker.DockerUnavailableException;
import dev.vpnmanager.docker.ExecResult;
import dev.vpnmanager.docker.HostPorts;
import dev.vpnmanager.docker.Images;
import dev.vpnmanager.event.EventBus;
import dev.vpnmanager.firewall.Firewall;
import dev.vpnmanager.storage.Tx;
import dev.vpnmanager.testing.DockerPeer;
import dev.vpnmanager.testing.Peers;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.user.NewUser;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Server container lifecycle on a real engine with a stand-in planner: install, stop/start, kill, rollback. */
class ServerContainersTest {
  @TempDir Path dir;
  private AppComponent app;
  private ContainerRuntime rt;
  private Path firewallLog;
  private String suffix;
  private final EventBus events = new EventBus();
  private final List<String> published = new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    rt = DockerPeer.runtime();
    DockerPeer.requireImage(rt, DockerPeer.V2RAY);
    firewallLog = dir.resolve("firewall.log");
    Path script = dir.resolve("firewall.sh");
    // Records every call; refuses to open udp, so a two-transport install fails after opening tcp.
    Files.writeString(script, "#!/bin/sh\necho \"$*\" >> '" + firewallLog + "'\n"
        + "[ \"$1 $3\" = \"open udp\" ] && { echo 'udp refused' >&2; exit 1; }\nexit 0\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    app = TestApp.create(dir.resolve("data"), Clock.systemUTC(), Map.of("images.vless", DockerPeer.V2RAY,
        "firewall.script", script.toString(), "port-range", "42000-42999"));
    suffix = UUID.randomUUID().toString().substring(0, 6);
    events.subscribe(ServerEvent.class, e -> published.add(e.kind().code() + " " + e.serverName()));
  }

  @AfterEach
  void cleanUp() {
    if (rt != null) {
      rt.listManaged().stream().filter(c -> c.server() != null && c.server().endsWith(suffix))
          .forEach(c -> rt.remove(c.id()));
    }
  }

  private ServerContainers service(ContainerRuntime runtime, ContainerPlanner planner) {
    Settings settings = app.settings();
    return new ServerContainers(new Tx(app.database()), app.servers(), app.protocols(), Map.of("vless", planner),
        runtime, new Images(settings), new PortPolicy(app.database(), new HostPorts(runtime), settings,
        new SecureRandom()), new Firewall(settings), app.audit(), events);
  }

  /** The read side over the same engine and planner as {@link #service}. */
  private ServerStatuses statuses() {
    return new ServerStatuses(new Tx(app.database()), app.servers(), Map.of("vless",
        new SocksTestPlanner(app.database(), List.of("tcp"), false)), new dev.vpnmanager.node.NodeRuntimes(rt,
        app.database(), dir.resolve("nodes"), Clock.systemUTC()));
  }

  private ServerContainers service(List<String> transports, boolean crash) {
    return service(rt, new SocksTestPlanner(app.database(), transports, crash));
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private List<String> firewallCalls() throws Exception {
    return Files.exists(firewallLog) ? Files.readAllLines(firewallLog) : List.of();
  }

  @Test
  void anInstallWaitingForItsContainerHoldsNoWriteLock() throws Exception {
    ServerContainers servers = service(rt, new SocksTestPlanner(app.database(), List.of("tcp"), false, 4));
    String name = "slow-" + suffix;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      java.util.concurrent.Future<ServerStatus> install = pool.submit(
          () -> servers.install(Actor.cli(), "vless", name, freePort()));
      for (int i = 0; i < 200 && rt.inspect("vpn-manager-" + name).isEmpty(); i++) {
        Thread.sleep(50);
      }
      assertTrue(rt.inspect("vpn-manager-" + name).isPresent(), "the container was created");
      app.users().add(Actor.cli(), new NewUser("carol-" + suffix, "http", null, 0, null, null, null));
      assertFalse(install.isDone(), "a write went through while the install still waited for its container");
      assertEquals(List.of(name), app.installJournal().pending(), "the install in progress is in the journal");
      assertEquals(List.of(), app.installJournal().recover(), "and left alone while its process runs");
      assertTrue(install.get(90, java.util.concurrent.TimeUnit.SECONDS).deployed());
      assertEquals(List.of(), app.installJournal().pending(), "the record ends it");
      assertTrue(app.userQueries().find("carol-" + suffix).isPresent());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void installStopStartRestartRemove() throws Exception {
    ServerContainers servers = service(List.of("tcp"), false);
    int port = freePort();
    String name = "vl-" + suffix;
    ServerStatus installed = servers.install(Actor.cli(), "vless", name, port);
    assertEquals(port, installed.port());
    assertTrue(installed.deployed());
    ContainerState c = installed.container().orElseThrow();
    assertTrue(c.running());
    assertEquals("healthy", c.health());
    assertEquals("vpn-manager-" + name, c.name());
    assertTrue(accepts(port), "the server answers on its port");
    assertEquals(List.of("open " + port + " tcp"), firewallCalls());

    app.users().add(Actor.cli(), new NewUser("alice-" + suffix, "vless", name, 0, null, null, null));
    assertFalse(config(c.id()).contains("alice-" + suffix), "a running container keeps its config");
    ServerStatus restarted = servers.restart(Actor.cli(), name);
    assertTrue(config(restarted.container().orElseThrow().id()).contains("alice-" + suffix),
        "a restart renders the config from the database");

    ServerStatus stopped = servers.stop(Actor.cli(), name);
    assertFalse(stopped.container().orElseThrow().running());
    assertFalse(stopped.deployed());
    ServerStatus started = servers.start(Actor.cli(), name);
    assertTrue(started.container().orElseThrow().running());
    assertEquals(started.container().get().id(), servers.start(Actor.cli(), name).container().get().id(),
        "start of a running server does nothing");
    assertTrue(statuses().logs(name, 20).contains("V2Ray"), statuses().logs(name, 20));
    assertEquals(1, statuses().list().stream().filter(s -> s.name().equals(name)).count());

    String removed = servers.remove(Actor.cli(), name);
    assertTrue(removed.contains("stays for its 1 users"), removed);
    assertTrue(rt.inspect("vpn-manager-" + name).isEmpty());
    assertEquals("close " + port + " tcp", firewallCalls().get(firewallCalls().size() - 1));
    assertEquals("not deployed", statuses().status(name).summary());
    assertEquals(List.of("installed", "restarted", "stopped", "started", "removed"),
        published.stream().map(p -> p.split(" ")[0]).toList());
  }

  @Test
  void aContainerKilledFromOutsideShowsInStatusAndStartBringsItBack() throws Exception {
    Path docker = Peers.binary("docker", "docker.io");
    ServerContainers servers = service(List.of("tcp"), false);
    String name = "vk-" + suffix;
    int port = freePort();
    String id = servers.install(Actor.cli(), "vless", name, port).container().orElseThrow().id();
    Process kill = new ProcessBuilder(docker.toString(), "kill", id).redirectErrorStream(true).start();
    assertEquals(0, kill.waitFor());
    ServerStatus killed = statuses().status(name);
    assertFalse(killed.container().orElseThrow().running());
    assertTrue(killed.summary().contains("exit code 137"), killed.summary());
    ServerStatus back = servers.start(Actor.cli(), name);
    assertTrue(back.container().orElseThrow().running());
    assertNotEquals(id, back.container().get().id());
    assertTrue(accepts(port));
  }

  @Test
  void aFailedInstallLeavesNoContainerNoRowAndNoFirewallRule() throws Exception {
    String crashing = "vc-" + suffix;
    OperationFailedException e = assertThrows(OperationFailedException.class,
        () -> service(List.of("tcp"), true).install(Actor.cli(), "vless", crashing, freePort()));
    assertTrue(e.getMessage().contains("config is broken"), e.getMessage());
    assertNothingLeft(crashing);
    assertEquals(List.of(), firewallCalls());

    String halfOpen = "vf-" + suffix;
    int port = freePort();
    assertThrows(OperationFailedException.class,
        () -> service(List.of("tcp", "udp"), false).install(Actor.cli(), "vless", halfOpen, port));
    assertNothingLeft(halfOpen);
    assertEquals(List.of("open " + port + " tcp", "open " + port + " udp", "close " + port + " tcp"),
        firewallCalls());
    assertEquals(List.of(), published, "nothing is announced for a failed install");
  }

  @Test
  void aTakenPortIsRefusedBeforeAnythingIsCreated() throws Exception {
    ServerContainers servers = service(List.of("tcp"), false);
    try (ServerSocket held = new ServerSocket()) {
      held.bind(new InetSocketAddress(0));
      String name = "vp-" + suffix;
      ConflictException e = assertThrows(ConflictException.class,
          () -> servers.install(Actor.cli(), "vless", name, held.getLocalPort()));
      assertTrue(e.getMessage().contains("port " + held.getLocalPort() + " is taken"), e.getMessage());
      assertNothingLeft(name);
      assertEquals(List.of(), firewallCalls());
    }
  }

  @Test
  void anUnreachableEngineChangesNothing() {
    ContainerRuntime down = new DockerJavaRuntime("unix:///nonexistent/docker.sock", Clock.systemUTC());
    ServerContainers servers = service(down, new SocksTestPlanner(app.database(), List.of("tcp"), false));
    DockerUnavailableException e = assertThrows(DockerUnavailableException.class,
        () -> servers.install(Actor.cli(), "vless", "vd-" + suffix, 42001));
    assertTrue(e.getMessage().contains("nonexistent"));
    assertTrue(app.servers().list().isEmpty());
  }

  @Test
  void withoutAPortTheDefaultOrAFreeOneInTheRangeIsTaken() {
    ServerContainers servers = service(List.of("tcp"), false);
    ServerStatus s = servers.install(Actor.cli(), "vless", "vr-" + suffix, null);
    int p = s.port();
    assertTrue(p == app.protocols().require("vless").defaultPort() || (p >= 42000 && p <= 42999), "port " + p);
    assertThrows(ConflictException.class, () -> servers.install(Actor.cli(), "vless", "vr-" + suffix, null));
  }

  private void assertNothingLeft(String name) {
    assertTrue(rt.inspect("vpn-manager-" + name).isEmpty(), "container left behind");
    assertTrue(app.servers().find(name).isEmpty(), "database row left behind");
    assertEquals(List.of(), app.installJournal().pending(), "the undo ends the install's journal row");
  }

  private String config(String id) {
    ExecResult r = rt.exec(id, List.of("cat", "/etc/v2ray/config.json"), null, Duration.ofSeconds(10));
    return r.stdout();
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
