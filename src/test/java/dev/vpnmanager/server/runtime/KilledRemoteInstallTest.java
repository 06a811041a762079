package dev.vpnmanager.server.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.docker.ContainerState;
import dev.vpnmanager.doctor.Check;
import dev.vpnmanager.doctor.Doctor;
import dev.vpnmanager.testing.ChildJvm;
import dev.vpnmanager.testing.DockerPeer;
import dev.vpnmanager.testing.RemoteNode;
import dev.vpnmanager.testing.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a real {@code servers install wireguard --node edge} after the helper container opened the port in the
 * node's firewall and before the install was recorded: the rule in the node's iptables must not stay open forever.
 * The node is a second Docker engine in a network namespace of the test's own ({@link RemoteNode}); the rule is
 * read with iptables in that namespace, as the node's operator would. The kill lands in a deterministic place: the
 * test holds SQLite's write lock from the moment the container exists on the node, so the install opens the port
 * and then waits to record. While the node does not answer, the cleanup waits (the journal row stays, doctor shows
 * it); once it answers, the next recovery removes the container and closes the port on the node.
 */
class KilledRemoteInstallTest {
  @TempDir Path dir;
  private RemoteNode node;
  private AppComponent app;
  private Process install;

  @AfterEach
  void tearDown() {
    if (install != null) {
      install.destroyForcibly();
    }
    if (app != null) {
      try {
        ContainerRuntime edge = app.nodeRuntimes().runtime("edge");
        edge.listManaged().forEach(c -> edge.remove(c.id()));
      } catch (RuntimeException e) {
        // the node goes with its namespace below
      }
      app.nodeRuntimes().close();
      app.database().shutdown();
    }
    if (node != null) {
      node.close();
    }
  }

  @Test
  void anInstallKilledAfterItOpenedThePortOnANodeHasThatPortClosedThereOnceTheNodeAnswers() throws Exception {
    node = RemoteNode.start(DockerPeer.WIREGUARD);
    String image = DockerPeer.requireImage(DockerPeer.runtime(), DockerPeer.WIREGUARD);
    Path data = dir.resolve("data");
    Map<String, String> settings = Map.of("images.wireguard", image);
    app = TestApp.create(data, Clock.systemUTC(), settings);
    app.nodeService().add(Actor.cli(), "edge", node.docker, node.tlsDir, node.address);
    ContainerRuntime edge = app.nodeRuntimes().runtime("edge");
    String name = "wg-cut-" + Long.toString(System.nanoTime(), 36);
    int port = 47100 + (int) (Math.random() * 800);
    String rule = "-A INPUT -p udp -m udp --dport " + port + " -m comment --comment vpn-manager -j ACCEPT";

    Path log = dir.resolve("install.log");
    ProcessBuilder pb = ChildJvm.builder(data, "servers", "install", "wireguard", "--node", "edge", "--name", name,
        "--port", Integer.toString(port));
    pb.environment().put("VPN_IMAGES_WIREGUARD", image);
    install = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    String db = "jdbc:sqlite:" + data.resolve("vpn-manager.db");
    try (Connection lock = DriverManager.getConnection(db); Statement st = lock.createStatement()) {
      awaitOn(() -> edge.inspect(ManagedContainer.name(name)).isPresent(), "its container on the node", log);
      // the reservation is committed (the container comes after it): from here on the install cannot record
      st.execute("BEGIN IMMEDIATE");
      awaitOn(() -> node.inputRules().contains(rule), "the port opened on the node", log);
      assertTrue(edge.inspect(ManagedContainer.name(name)).map(ContainerState::running).orElse(false));
      install.destroyForcibly();
      assertTrue(install.waitFor(30, TimeUnit.SECONDS));
      assertEquals(137, install.exitValue(), "killed, not ended: " + Files.readString(log));
      install = null;
      st.execute("ROLLBACK");
    }

    assertEquals(List.of(name), app.installJournal().pending(), "the cut install is in the journal");
    assertFalse(app.servers().require(name).isDeployed(), "the install was not recorded");
    assertTrue(node.inputRules().contains(rule), "the kill left the port open on the node");

    node.stopEngine();
    assertEquals(List.of(), app.installJournal().recover(), "a node that does not answer: nothing to undo yet");
    assertEquals(List.of(name), app.installJournal().pending(), "the row stays for the next reconcile");
    assertTrue(node.inputRules().contains(rule));
    Optional<Check> shown = new Doctor(app.settings(), () -> app).run().stream()
        .filter(c -> c.name().equals("install " + name)).findFirst();
    assertTrue(shown.isPresent(), "doctor shows the cut install");
    assertEquals(Check.Status.WARN, shown.get().status(), shown.get().line());
    assertTrue(shown.get().detail().contains(port + "/udp") && shown.get().detail().contains("node edge"),
        shown.get().line());

    node.startEngine();
    awaitOn(() -> {
      try {
        edge.engineVersion();
        return true;
      } catch (RuntimeException down) {
        return false;
      }
    }, "the node's engine back", log);
    assertEquals(List.of(name), app.installJournal().recover());
    assertFalse(node.inputRules().contains(rule), "the cleanup closed the port on the node: " + node.inputRules());
    assertEquals(Optional.empty(), edge.inspect(ManagedContainer.name(name)), "and removed the orphan container");
    assertTrue(edge.listManaged().stream().noneMatch(c -> c.name().contains("firewall")), "the helper is gone");
    assertEquals(List.of(), app.installJournal().pending());
    assertTrue(app.servers().find(name).isEmpty(), "the definition the install made is forgotten");
    assertTrue(new Doctor(app.settings(), () -> app).run().stream().noneMatch(c -> c.name().startsWith("install ")
        && c.status() != Check.Status.OK));
  }

  private void awaitOn(java.util.function.BooleanSupplier done, String what, Path log) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline || (install != null && !install.isAlive())) {
        throw new AssertionError("waited in vain for " + what + ":\n" + Files.readString(log));
      }
      Thread.sleep(50);
    }
  }
}
