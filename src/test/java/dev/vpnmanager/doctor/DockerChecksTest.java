package dev.vpnmanager.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.docker.ContainerSpec;
import dev.vpnmanager.docker.Labels;
import dev.vpnmanager.protocol.LanWall;
import dev.vpnmanager.domain.VpnServer;
import dev.vpnmanager.storage.Tx;
import dev.vpnmanager.testing.DockerPeer;
import dev.vpnmanager.testing.TestApp;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** doctor's Docker checks on a real engine: version, images, container state per server, orphans, engine down. */
class DockerChecksTest {
  @TempDir Path dir;

  private AppComponent app(Map<String, String> overrides) {
    return TestApp.create(dir, Clock.systemUTC(), overrides);
  }

  private static Check find(List<Check> checks, String name) {
    return checks.stream().filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no check " + name + " in " + checks));
  }

  @Test
  void reportsEngineImagesAndEachServersContainer() {
    ContainerRuntime probe = DockerPeer.runtime();
    DockerPeer.requireImage(probe, DockerPeer.V2RAY);
    String suffix = UUID.randomUUID().toString().substring(0, 6);
    AppComponent app = app(Map.of("images.vless", DockerPeer.V2RAY, "images.shadowsocks", DockerPeer.SHADOWSOCKS,
        "images.wireguard", DockerPeer.WIREGUARD, "images.http", "vpn-manager-test/absent:" + suffix,
        "images.socks", DockerPeer.PROXY));
    ContainerRuntime rt = app.containerRuntime();
    VpnServer up = define(app, "vless", "up-" + suffix, true);
    VpnServer down = define(app, "vless", "down-" + suffix, true);
    String upId = rt.create(ContainerSpec.builder(up.getName(), "vpnm-doc-up-" + suffix, DockerPeer.V2RAY)
        .entrypoint("sleep", "600").restartPolicy("no").build());
    VpnServer walled = define(app, "vless", "walled-" + suffix, true);
    String walledId = rt.create(ContainerSpec.builder(walled.getName(), "vpnm-doc-walled-" + suffix, DockerPeer.V2RAY)
        .entrypoint("sleep", "600").restartPolicy("no").label(Labels.WALL, LanWall.VERSION).label(Labels.API, "socket").build());
    String orphanId = rt.create(ContainerSpec.builder("ghost-" + suffix, "vpnm-doc-ghost-" + suffix, DockerPeer.V2RAY)
        .entrypoint("sleep", "600").restartPolicy("no").build());
    try {
      rt.start(upId);
      rt.start(walledId);
      List<Check> checks = app.dockerChecks().run();
      Check engine = find(checks, "docker");
      assertEquals(Check.Status.OK, engine.status());
      assertTrue(engine.detail().contains(rt.engineVersion()), engine.detail());
      Check images = find(checks, "images");
      assertTrue(images.detail().contains("vpn-manager-test/absent:" + suffix + " (http)"), images.detail());
      assertEquals(Check.Status.OK, images.status(), "no http server needs it yet");
      assertEquals(Check.Status.OK, find(checks, "server " + up.getName()).status());
      Check gone = find(checks, "server " + down.getName());
      assertEquals(Check.Status.FAIL, gone.status());
      assertTrue(gone.detail().contains("servers start " + down.getName()), gone.detail());
      Check wall = find(checks, "wall " + up.getName());
      assertEquals(Check.Status.FAIL, wall.status(), "a container planned before the block of private ranges");
      assertTrue(wall.detail().contains("servers restart " + up.getName()), wall.detail());
      assertTrue(checks.stream().noneMatch(c -> c.name().equals("wall " + walled.getName())), checks.toString());
      Check loopback = find(checks, "api " + up.getName());
      assertEquals(Check.Status.WARN, loopback.status(), "an API still on the host's loopback");
      assertTrue(loopback.detail().contains("predates the API sockets: run servers restart " + up.getName()
          + " to move the API to a socket"), loopback.detail());
      Check socket = find(checks, "api " + walled.getName());
      assertEquals(Check.Status.OK, socket.status(), socket.detail());
      assertTrue(socket.detail().contains("Unix socket"), socket.detail());
      Check orphan = find(checks, "container vpnm-doc-ghost-" + suffix);
      assertEquals(Check.Status.WARN, orphan.status());

      define(app, "http", "web-" + suffix, false);
      assertEquals(Check.Status.WARN, find(app.dockerChecks().run(), "images").status());

      rt.stop(upId, Duration.ofSeconds(1));
      assertEquals(Check.Status.FAIL, find(app.dockerChecks().run(), "server " + up.getName()).status());
    } finally {
      rt.remove(upId);
      rt.remove(orphanId);
      rt.remove(walledId);
    }
  }

  @Test
  void anUnreachableEngineIsAWarningUntilAServerIsDeployed() {
    AppComponent app = app(Map.of("docker.host", "unix:///nonexistent/docker.sock"));
    Check c = find(app.dockerChecks().run(), "docker");
    assertEquals(Check.Status.WARN, c.status());
    assertTrue(c.detail().contains("unix:///nonexistent/docker.sock"), c.detail());
    define(app, "vless", "deployed-1", true);
    assertEquals(Check.Status.FAIL, find(app.dockerChecks().run(), "docker").status());
  }

  private static VpnServer define(AppComponent app, String protocol, String name, boolean deployed) {
    return new Tx(app.database()).write(txn -> {
      VpnServer s = app.servers().define(txn, Actor.cli(), protocol, name, 40000 + Math.abs(name.hashCode() % 9000));
      s.setDeployed(deployed);
      app.database().update(s, txn);
      return s;
    });
  }
}
