package dev.vpnmanager.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.testing.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** serve runs until SIGTERM, then stops cleanly; without a chat transport it says what to set. */
class ServeCommandTest {
  @TempDir Path dir;

  @Test
  void runsUntilSigtermThenStopsCleanly() throws Exception {
    Process p = ChildJvm.builder(dir, "serve").start();
    BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
    String first = err.readLine();
    assertTrue(first.contains("no chat transport configured: set VPN_TELEGRAM_TOKEN"), first);
    assertTrue(err.readLine().startsWith("vpn-manager serving"));
    Thread.sleep(300);
    assertTrue(p.isAlive(), "keeps running");
    p.toHandle().destroy();
    StringBuilder rest = new StringBuilder();
    for (String line = err.readLine(); line != null; line = err.readLine()) {
      rest.append(line).append('\n');
    }
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertTrue(rest.toString().contains("vpn-manager stopped"), rest.toString());
    assertEquals(143, p.exitValue(), "killed by SIGTERM after a clean stop (128 + 15)");
  }
}
