package dev.vpnmanager.server.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.domain.AuditEntry;
import dev.vpnmanager.domain.DockerNode;
import dev.vpnmanager.domain.VpnServer;
import dev.vpnmanager.testing.TestApp;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shadowsocks on a remote node runs the xray core only: an explicit other core is refused before any side effect,
 * with the reason and what to do instead; the node (whose engine does not even answer here) is never contacted,
 * nothing is written.
 */
class RemoteInstallRefusalTest {
  @TempDir Path dir;

  @Test
  void shadowsocksOnARemoteNodeWithAnotherCoreThanXrayIsRefusedAndNothingWritten() {
    AppComponent app = TestApp.create(dir, Clock.systemUTC(), Map.of());
    DockerNode edge = new DockerNode();
    edge.setName("edge");
    edge.setEndpoint("tcp://127.0.0.1:9");
    edge.setPublicHost("edge.example.test");
    app.database().save(edge);
    int audits = app.database().find(AuditEntry.class).findCount();

    for (String core : new String[] {"ss-libev", "v2ray", "libev"}) {
      InvalidInputException e = assertThrows(InvalidInputException.class, () -> app.serverContainers()
          .install(Actor.cli(), "shadowsocks", "ss-edge", 8388, Map.of("node", "edge", "core", core)));
      assertEquals("shadowsocks on a remote node runs on the xray core only, not '" + core + "' (ss-manager's "
          + "control channel is reachable only inside the node): leave --core out or give --core xray",
          e.getMessage());
    }
    InvalidInputException v2ray = assertThrows(InvalidInputException.class, () -> app.serverContainers()
        .install(Actor.cli(), "vless", "vl-edge", 8443, Map.of("node", "edge", "core", "v2ray")));
    assertTrue(v2ray.getMessage().startsWith("vless on a remote node runs on the xray core only, not 'v2ray'"),
        v2ray.getMessage());
    assertEquals(0, app.database().find(VpnServer.class).findCount());
    assertEquals(audits, app.database().find(AuditEntry.class).findCount());
  }
}
