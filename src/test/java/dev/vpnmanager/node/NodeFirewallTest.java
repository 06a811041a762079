package dev.vpnmanager.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.config.Settings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where the node's firewall is not the manager's to change, the answer names the ports to open and touches no
 * engine (none is wired here: any call to one would fail the test). The helper itself runs in RemoteNodeLiveTest.
 */
class NodeFirewallTest {
  @Test
  void withFirewallModeOffOrDryRunTheOperatorIsToldWhichPortsToOpen() {
    for (String mode : List.of("off", "dry-run")) {
      NodeFirewall fw = new NodeFirewall(null, null, Settings.of(Map.of("firewall.mode", mode)));
      NodeFirewall.Result r = fw.open("edge", 51820, List.of("udp"));
      assertFalse(r.applied());
      assertEquals("firewall.mode is " + mode + ": open 51820/udp in node edge's firewall yourself", r.detail());
      assertFalse(fw.close("edge", 8388, List.of("tcp", "udp")).applied());
    }
  }

  @Test
  void badPortsAndTransportsAreRefused() {
    assertThrows(InvalidInputException.class, () -> NodeFirewall.ports(0, List.of("tcp")));
    assertThrows(InvalidInputException.class, () -> NodeFirewall.ports(443, List.of("tcp; reboot")));
    assertEquals(List.of("443/tcp", "443/udp"), NodeFirewall.ports(443, List.of("tcp", "udp")));
  }
}
