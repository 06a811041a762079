package dev.vpnmanager.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Validated configuration values, read through typed accessors. Build it with {@link SettingsLoader}. */
public final class Settings {
  private final Map<String, String> values;
  private final String source;

  Settings(Map<String, String> values, String source) {
    this.values = Map.copyOf(values);
    this.source = source;
  }

  /** Defaults plus the given overrides, with no file and no environment: for tests and tools. */
  public static Settings of(Map<String, String> overrides) {
    return new SettingsLoader(Map.of()).load(null, overrides);
  }

  public String get(ConfigKey key) {
    return values.getOrDefault(key.path(), key.defaultValue());
  }

  public boolean isSet(ConfigKey key) {
    return !get(key).isBlank();
  }

  public Duration duration(ConfigKey key) {
    return Durations.parse(get(key));
  }

  public List<String> list(ConfigKey key) {
    return Arrays.stream(get(key).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  public Path dataDir() {
    String dir = get(ConfigKeys.DATA_DIR);
    if (dir.startsWith("~/")) {
      dir = System.getProperty("user.home") + dir.substring(1);
    }
    return Path.of(dir).toAbsolutePath().normalize();
  }

  /** The JDBC URL: the configured one, else a SQLite file in the data dir. */
  public String databaseUrl() {
    String url = get(ConfigKeys.DATABASE_URL);
    return url.isBlank() ? "jdbc:sqlite:" + dataDir().resolve("vpn-manager.db") : url;
  }

  /** Where the values came from, for doctor: the file path or "built-in defaults". */
  public String source() {
    return source;
  }
}
