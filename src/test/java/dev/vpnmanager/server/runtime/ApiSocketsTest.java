package dev.vpnmanager.server.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.testing.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a server's API socket may live, and the directory it gets: owner-only, emptied of a killed core's socket. */
class ApiSocketsTest {
  @TempDir Path dir;

  private ContainerRuntime runtime(String host) {
    AppComponent app = TestApp.create(dir.resolve("data-" + Math.abs(host.hashCode())), Clock.systemUTC(),
        Map.of("docker.host", host));
    return app.containerRuntime();
  }

  @Test
  void aSocketOnlyWhereTheEngineBindsTheManagersOwnPaths() {
    ContainerRuntime local = runtime("unix:///var/run/docker.sock");
    ApiSockets sockets = new ApiSockets(dir.resolve("run"), local, false);
    assertTrue(sockets.unavailable("vless-1", "local").isEmpty());
    assertTrue(sockets.unavailable("vless-1", "edge").orElseThrow().contains("node edge"));
    assertTrue(new ApiSockets(dir.resolve("run"), runtime("tcp://127.0.0.1:2375"), false)
        .unavailable("vless-1", "local").orElseThrow().contains("tcp://127.0.0.1:2375"));
    assertTrue(new ApiSockets(dir.resolve("run"), local, true).unavailable("vless-1", "local").orElseThrow()
        .contains("runs in a container"));
    assertTrue(new ApiSockets(dir.resolve("x".repeat(80)), local, false).unavailable("vless-1", "local")
        .orElseThrow().contains("longer than"));
  }

  @Test
  void inAContainerIsSeenFromItsOwnHostnameMount() throws Exception {
    Path host = dir.resolve("host");
    Files.writeString(host, "27 1 254:0 / / rw,relatime - ext4 /dev/vda rw\n");
    Path container = dir.resolve("container");
    Files.writeString(container, "125 62 0:49 / / rw - overlay overlay rw\n143 125 254:0 "
        + "/var/lib/docker/containers/83d5/hostname /etc/hostname rw,relatime - ext4 /dev/vda rw\n");
    assertFalse(ApiSockets.inContainer(host));
    assertTrue(ApiSockets.inContainer(container));
    assertFalse(ApiSockets.inContainer(dir.resolve("absent")));
  }

  @Test
  void theDirectoryIsTheCoresAloneAndEmptiedOfAKilledCoresSocket() throws Exception {
    ApiSockets sockets = new ApiSockets(dir.resolve("run"), runtime("unix:///var/run/docker.sock"), false);
    Path first = sockets.prepare("vless-1", 65532, 65532);
    Files.writeString(first.resolve(ApiSockets.FILE), "left by a core killed with SIGKILL");
    Files.writeString(first.resolve(ApiSockets.FILE + ".lock"), "");
    Path again = sockets.prepare("vless-1", 65532, 65532);
    assertEquals(first, again);
    try (var left = Files.list(again)) {
      assertEquals(0, left.count(), "a stale socket would make the core fail to bind");
    }
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("run"))));
    if ("root".equals(System.getProperty("user.name"))) {
      assertEquals(65532, Files.getAttribute(again, "unix:uid"), "the core's own directory");
      assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(again)));
    } else {
      assertEquals("rwxrwxrwx", PosixFilePermissions.toString(Files.getPosixFilePermissions(again)),
          "a non-root manager cannot give it away: run/ above is the wall");
    }
  }

  @Test
  void aSocketNobodyListensOnIsRemovedALiveOneIsKept() throws Exception {
    ApiSockets sockets = new ApiSockets(dir.resolve("run"), runtime("unix:///var/run/docker.sock"), false);
    Path socket = dir.resolve("api.sock");
    dev.vpnmanager.domain.VpnServer server = new dev.vpnmanager.domain.VpnServer();
    server.setName("vless-1");
    server.setNode("local");
    server.setSettings(dev.vpnmanager.protocol.Credentials.of(ApiSockets.KEY, socket.toString()).toJson());
    try (java.nio.channels.ServerSocketChannel live = java.nio.channels.ServerSocketChannel.open(
        java.net.StandardProtocolFamily.UNIX)) {
      live.bind(java.net.UnixDomainSocketAddress.of(socket));
      sockets.clearStale(server);
      assertTrue(Files.exists(socket), "a core listens on it");
    }
    assertTrue(Files.exists(socket), "closed without an unlink, like a killed core's");
    sockets.clearStale(server);
    assertFalse(Files.exists(socket));
  }
}
