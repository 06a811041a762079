package dev.vpnmanager.server.shadowsocks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.common.OperationFailedException;
import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.protocol.ServerSpec;
import org.junit.jupiter.api.Test;

/** What the ss-libev container side refuses before it touches anything. */
class SsServerTest {
  private static ServerSpec spec(String... settings) {
    return new ServerSpec("ss-1", "shadowsocks", "127.0.0.1", 8388, Credentials.of(settings));
  }

  @Test
  void readsTheManagerPortAndTheUsersRange() {
    SsServer s = SsServer.of(spec("core", "ss-libev", "userPorts", "8388-9387", "apiPort", "10085"));
    assertEquals(10085, s.apiPort());
    assertTrue(s.inUserPorts(8388) && s.inUserPorts(9387) && !s.inUserPorts(9388));
  }

  @Test
  void refusesAManagerPortInsideTheUsersRange() {
    var e = assertThrows(OperationFailedException.class,
        () -> SsServer.of(spec("userPorts", "10000-10999", "apiPort", "10085")));
    assertTrue(e.getMessage().contains("lies in the users' port range"), e.getMessage());
  }

  @Test
  void refusesTheV2rayCore() {
    var e = assertThrows(OperationFailedException.class, () -> SsServer.of(spec("core", "v2ray")));
    assertTrue(e.getMessage().contains("v2ray core"), e.getMessage());
  }
}
