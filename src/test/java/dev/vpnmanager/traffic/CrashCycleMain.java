package dev.vpnmanager.traffic;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.storage.Tx;
import dev.vpnmanager.testing.TestApp;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Child process of {@link CrashSafetyTest}: runs one traffic cycle on the given data dir with the counters in
 * a properties file, and inside the cycle's transaction, after every write and before the commit, creates the
 * marker file and waits to be killed.
 */
public final class CrashCycleMain {
  private CrashCycleMain() {}

  public static void main(String[] args) throws Exception {
    Path dataDir = Path.of(args[0]);
    Properties counters = new Properties();
    try (Reader r = Files.newBufferedReader(Path.of(args[1]))) {
      counters.load(r);
    }
    Path marker = Path.of(args[2]);
    FakeCounterSource source = new FakeCounterSource(args[3]);
    counters.forEach((k, v) -> source.set((String) k, Long.parseLong((String) v)));
    AppComponent app = TestApp.create(dataDir, Clock.systemUTC(), Map.of());
    TrafficCollector collector = new TrafficCollector(new Tx(app.database()), Optional.empty(), Clock.systemUTC());
    collector.beforeCommit(() -> {
      try {
        Files.writeString(marker, "read and written, not committed");
        Thread.sleep(120_000);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    collector.collect(List.of(source));
    System.exit(3);
  }
}
