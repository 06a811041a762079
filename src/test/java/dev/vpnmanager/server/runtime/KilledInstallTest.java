package dev.vpnmanager.server.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.docker.ContainerState;
import dev.vpnmanager.domain.AuditEntry;
import dev.vpnmanager.domain.VpnServer;
import dev.vpnmanager.storage.Tx;
import dev.vpnmanager.testing.DockerPeer;
import dev.vpnmanager.testing.DockerSocketProxy;
import dev.vpnmanager.testing.ServeProcess;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.testing.telegram.BotApiStandIn;
import dev.vpnmanager.testing.telegram.TelegramHarness;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a real {@code serve} while an install, asked for in the chat, waits for its slow container: the
 * container runs but the server was never recorded. The next start removes that container, closes the ports the
 * install opened and leaves the definition as it was before the install (no orphan, no half server); an install
 * after that works. The slow container: a Docker socket in front of the engine's holds back the answer to the
 * container start.
 */
class KilledInstallTest {
  @TempDir Path dir;

  @Test
  void serveKilledMidInstallLeavesNoOrphanContainerAndNoHalfServerAfterTheNextStart() throws Exception {
    ContainerRuntime rt = DockerPeer.runtime();
    String image = DockerPeer.requireImage(rt, DockerPeer.XRAY);
    String name = "killed-" + Long.toString(System.nanoTime(), 36);
    String container = ManagedContainer.name(name);
    int port = freePort();
    Path data = dir.resolve("data");
    AppComponent app = TestApp.create(data);
    new Tx(app.database()).run(txn -> app.servers().define(txn, Actor.cli(), "socks", name, port));
    app.database().shutdown();
    Path firewallLog = dir.resolve("firewall.log");
    Path script = dir.resolve("firewall.sh");
    Files.writeString(script, "#!/bin/sh\necho \"$*\" >> '" + firewallLog + "'\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));

    try (BotApiStandIn api = new BotApiStandIn(TelegramHarness.TOKEN);
         DockerSocketProxy docker = new DockerSocketProxy(dir)) {
      Map<String, String> env = Map.of("VPN_TELEGRAM_TOKEN", TelegramHarness.TOKEN,
          "VPN_TELEGRAM_API_URL", api.url(), "VPN_ADMINS", "telegram:100", "VPN_DOCKER_HOST", docker.host(),
          "VPN_IMAGES_SOCKS", image, "VPN_FIREWALL_SCRIPT", script.toString());
      try (ServeProcess serve = new ServeProcess(data, dir, env)) {
        try {
          serve.start();
          docker.holdStarts(Duration.ofSeconds(120));
          api.pushText(100, 100, "/install socks", "en");
          long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
          while (!(docker.starts() > 0 && rt.inspect(container).map(ContainerState::running).orElse(false))) {
            assertTrue(System.nanoTime() < deadline, "the install never started its container:\n" + serve.logs());
            Thread.sleep(50);
          }
          Thread.sleep(500);
          serve.kill9();

          AppComponent mid = TestApp.create(data);
          VpnServer half = mid.servers().require(name);
          assertFalse(half.isDeployed(), "the install was not recorded");
          assertEquals(List.of(name), mid.installJournal().pending(), "the cut install is in the journal");
          assertTrue(rt.inspect(container).isPresent(), "an orphan container is left by the kill");
          assertFalse(Files.exists(firewallLog), "the firewall comes after the container is up");
          mid.database().shutdown();

          docker.holdStarts(Duration.ZERO);
          serve.start();
          assertTrue(serve.log(2).contains("undid installs cut short by the last run: " + name), serve.logs());
          assertEquals(Optional.empty(), rt.inspect(container), "the orphan container was removed at start");
          AppComponent after = TestApp.create(data);
          VpnServer s = after.servers().require(name);
          assertFalse(s.isDeployed());
          assertNull(s.getContainerId());
          assertEquals(port, s.getPort(), "the definition is as it was before the install");
          assertEquals(List.of(), after.installJournal().pending());
          assertEquals(1, after.database().find(AuditEntry.class).where().eq("action", "server.install.undone")
              .eq("target", name).findCount());
          assertTrue(Files.readString(firewallLog).contains("close " + port), Files.readString(firewallLog));
          after.database().shutdown();

          api.pushText(100, 100, "/install socks", "en");
          deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
          AppComponent check = TestApp.create(data);
          while (!check.servers().require(name).isDeployed()) {
            assertTrue(System.nanoTime() < deadline, "an install after the recovery failed:\n" + serve.logs());
            Thread.sleep(100);
          }
          assertTrue(rt.inspect(container).map(ContainerState::running).orElse(false));
          check.database().shutdown();
        } finally {
          rt.inspect(container).ifPresent(c -> rt.remove(c.id()));
        }
      }
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
