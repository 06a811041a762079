package dev.vpnmanager.server.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.server.ServerEvent;
import dev.vpnmanager.testing.DockerPeer;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.user.NewUser;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * servers rotate-keys on a running server: the container is rebuilt with the new keys before the change is
 * announced (so users are told once the server has them); a server without keys is refused before anything.
 */
class KeyRotationTest {
  @TempDir Path dir;
  private ContainerRuntime rt;
  private final String suffix = UUID.randomUUID().toString().substring(0, 6);

  @AfterEach
  void cleanUp() {
    if (rt != null) {
      rt.listManaged().stream().filter(c -> c.server() != null && c.server().endsWith(suffix))
          .forEach(c -> rt.remove(c.id()));
    }
  }

  @Test
  void aRunningServerRestartsWithTheNewKeysBeforeItsUsersAreTold() throws Exception {
    rt = DockerPeer.runtime();
    String image = DockerPeer.requireImage(rt, DockerPeer.WIREGUARD);
    Path script = dir.resolve("firewall.sh");
    Files.writeString(script, "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    AppComponent app = TestApp.create(dir.resolve("data"), Clock.systemUTC(), Map.of("images.wireguard", image,
        "firewall.script", script.toString(), "public-host", "127.0.0.1"));
    String name = "wg-" + suffix;
    int port;
    try (DatagramSocket s = new DatagramSocket(0)) {
      port = s.getLocalPort();
    }
    app.serverContainers().install(Actor.cli(), "wireguard", name, port);
    app.users().add(Actor.cli(), new NewUser("carol", "wireguard", name, 0, null, null, null));
    String before = app.servers().require(name).getContainerId();
    String oldConfig = app.serverService().render(name).content();
    List<String> seen = new CopyOnWriteArrayList<>();
    app.events().subscribe(ServerEvent.class, e -> seen.add(e.kind().code() + " "
        + app.servers().require(name).getContainerId()));

    KeyRotation.Result r = app.keyRotation().rotate(Actor.cli(), name);

    assertTrue(r.restarted());
    assertNull(r.restartError());
    String after = app.servers().require(name).getContainerId();
    assertNotEquals(before, after, "a new container");
    assertTrue(app.serverStatuses().status(name).container().orElseThrow().running());
    assertNotEquals(oldConfig, app.serverService().render(name).content());
    assertEquals(List.of("restarted " + after, "keys-rotated " + after), seen,
        "the restart comes first, then the announcement that sends the configs");
    assertTrue(app.audit().recent(5).stream().anyMatch(e -> e.getAction().equals("server.restart")));
  }

  @Test
  void aServerWithoutKeysIsRefusedBeforeAnythingChanges() {
    AppComponent app = TestApp.create(dir.resolve("data"), Clock.systemUTC(), Map.of());
    app.users().add(Actor.cli(), new NewUser("dave", "http", null, 0, null, null, null));
    String server = app.users().show("dave").server();
    String settings = app.servers().require(server).getSettings();
    assertThrows(InvalidInputException.class, () -> app.keyRotation().check(server));
    assertThrows(InvalidInputException.class, () -> app.keyRotation().rotate(Actor.cli(), server));
    assertEquals(settings, app.servers().require(server).getSettings());
    assertTrue(app.audit().recent(5).stream().noneMatch(e -> e.getAction().equals("server.rotate-keys")));
  }
}
