package dev.vpnmanager.testing;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.app.DaggerAppComponent;
import dev.vpnmanager.config.Settings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** The real object graph on a real SQLite file in a test's temporary directory. */
public final class TestApp {
  private TestApp() {}

  public static AppComponent create(Path dataDir) {
    return create(dataDir, Clock.systemUTC(), Map.of());
  }

  public static AppComponent create(Path dataDir, Clock clock, Map<String, String> overrides) {
    Map<String, String> all = new HashMap<>(overrides);
    all.put("data-dir", dataDir.toString());
    all.putIfAbsent("public-host", "vpn.example.test");
    all.putIfAbsent("http.listen", "127.0.0.1:0");
    return DaggerAppComponent.builder().settings(Settings.of(all)).clock(clock).build();
  }
}
