package dev.vpnmanager.protocol.vless;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.protocol.Fixtures;
import dev.vpnmanager.protocol.ServerDefaults;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SniProbeTest {
  @Test
  void reachableDestPassesAndAnUnreachableOneOnlyWarns() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertTrue(new SniProbe(s.getLocalPort()).check("127.0.0.1"));
      closed = s.getLocalPort();
    }
    long t0 = System.nanoTime();
    assertFalse(new SniProbe(closed).check("127.0.0.1"));
    assertFalse(new SniProbe(closed).check("no-such-host.invalid"));
    assertTrue(System.nanoTime() - t0 < 6_000_000_000L, "the check gives up within seconds");
    // a server is still defined when the dest does not answer: the warning does not block the admin
    Credentials s = new VlessDriver(new SniProbe(closed)).newServerSettings(Fixtures.random(1),
        new ServerDefaults("10.8.0.0/24", 443, Map.of("sni", "no-such-host.invalid", "sniCheck", "true")));
    assertEquals("no-such-host.invalid", s.get("sni"));
  }
}
