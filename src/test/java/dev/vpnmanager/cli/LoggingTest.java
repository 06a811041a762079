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
    ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), QuietCoreSocketMain.class.getName()));
    // the JVM itself notes options from these on stderr ("Picked up ..."): a caller's shell is not the daemon
    pb.environment().keySet().removeAll(List.of("JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS"));
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), err);
    assertEquals("counters 6", out.strip(), "the core was read");
    assertEquals("", err, "stderr at the default level");
  }
}
