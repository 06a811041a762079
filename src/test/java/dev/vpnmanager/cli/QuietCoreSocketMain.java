package dev.vpnmanager.cli;

import dev.vpnmanager.server.v2ray.XrayApis;
import dev.vpnmanager.testing.StatsStandIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A child JVM for LoggingTest: the daemon's logging as serve sets it up, then one QueryStats call to a core on its
 * Unix socket, as the daemon reads a local server's counters.
 */
public final class QuietCoreSocketMain {
  private QuietCoreSocketMain() {}

  public static void main(String[] args) throws Exception {
    Logging.init(Map.of());
    Path dir = Files.createTempDirectory("quiet-core");
    Path socket = dir.resolve("api.sock");
    try (StatsStandIn core = new StatsStandIn(3, 1, "u", socket); XrayApis apis = new XrayApis()) {
      System.out.println("counters " + apis.ofSocket(socket, "xray").queryStats("user>>>").size());
    } finally {
      Files.deleteIfExists(socket);
      Files.deleteIfExists(dir);
    }
    System.exit(0);
  }
}
