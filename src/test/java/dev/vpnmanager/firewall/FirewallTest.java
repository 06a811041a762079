package dev.vpnmanager.firewall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.config.Settings;
import dev.vpnmanager.testing.Peers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Java wrapper and scripts/firewall.sh: dry runs, argument checks, and real rules in a private netns. */
class FirewallTest {
  private static final Path SCRIPT = Path.of(System.getProperty("vpn.projectDir", "."), "scripts", "firewall.sh");

  private static Firewall firewall(String mode) {
    return new Firewall(Settings.of(Map.of("firewall.mode", mode)));
  }

  @Test
  void dryRunPrintsTheRuleItWouldAddAndChangesNothing() {
    FirewallResult r = firewall("dry-run").open(51820, "udp");
    assertFalse(r.applied());
    String line = r.lines().stream().filter(l -> l.startsWith("dry-run: ")).findFirst().orElseThrow();
    assertTrue(line.contains("51820") && line.contains("udp") && line.contains("vpn-manager"), line);
    assertFalse(firewall("dry-run").close(443, "tcp").applied());
  }

  @Test
  void offDoesNotRunTheScript() {
    FirewallResult r = firewall("off").open(443, "tcp");
    assertFalse(r.applied());
    assertTrue(r.lines().get(0).contains("firewall.mode is off"));
  }

  @Test
  void badArgumentsAreRefusedBeforeAnythingRuns() {
    assertThrows(InvalidInputException.class, () -> firewall("dry-run").open(0, "tcp"));
    assertThrows(InvalidInputException.class, () -> firewall("dry-run").open(65536, "tcp"));
    assertThrows(InvalidInputException.class, () -> firewall("dry-run").open(443, "icmp"));
    assertThrows(InvalidInputException.class, () -> firewall("maybe").open(443, "tcp"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"70000", "0", "08", "-1", "abc"})
  void theScriptRejectsBadPortsWithExitTwo(String port) throws Exception {
    Result r = run(List.of(SCRIPT.toString(), "--dry-run", "open", port, "tcp"));
    assertEquals(2, r.code, r.out);
  }

  @Test
  void theScriptRejectsBadProtocolsAndActions() throws Exception {
    assertEquals(2, run(List.of(SCRIPT.toString(), "--dry-run", "open", "443", "sctp")).code);
    assertEquals(2, run(List.of(SCRIPT.toString(), "--dry-run", "drop", "443", "tcp")).code);
    assertEquals(2, run(List.of(SCRIPT.toString(), "--dry-run", "--backend", "pf", "list")).code);
    assertEquals(2, run(List.of(SCRIPT.toString())).code);
  }

  @ParameterizedTest
  @ValueSource(strings = {"iptables", "nft"})
  void realRulesInAPrivateNetworkNamespace(String backend) throws Exception {
    Peers.binary("unshare", "util-linux");
    Peers.binary(backend, "nft".equals(backend) ? "nftables" : "iptables");
    assumeTrue(isRoot(), "needs root for a private network namespace");
    String steps = "set -e; f() { \"$0\" --backend \"$1\" \"${@:2}\"; }; B=$1; "
        + "f $B open 4444 tcp; f $B open 4444 tcp; f $B open 51820 udp; f $B list | sort; echo --; "
        + "f $B close 4444 tcp; f $B close 4444 tcp; f $B list";
    Result r = run(List.of("unshare", "-n", "bash", "-c", steps, SCRIPT.toString(), backend));
    assertEquals(0, r.code, r.out);
    assertEquals(List.of("4444/tcp", "51820/udp", "--", "51820/udp"), r.out.strip().lines().toList());
  }

  private static boolean isRoot() throws Exception {
    return "0".equals(run(List.of("id", "-u")).out.strip());
  }

  private record Result(int code, String out) {}

  private static Result run(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.getErrorStream().readAllBytes();
    return new Result(p.waitFor(), out);
  }
}
