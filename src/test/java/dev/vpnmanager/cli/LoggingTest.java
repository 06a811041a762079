package dev.vpnmanager.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What the daemon prints at its default level when all goes well: nothing. gRPC asks every channel for TCP
 * keep-alive, which a Unix socket does not have, and netty warned about that once per core at every start.
 */
class LoggingTest {
  @Test
  void readingACoreOnItsUnixSocketPrintsNoWarning() throws Exception {
    Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), QuietCoreSocketMain.class.getName())).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), err);
    assertEquals("counters 6", out.strip(), "the core was read");
    assertEquals("", err, "stderr at the default level");
  }
}
