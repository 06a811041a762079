package dev.vpnmanager.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {
  @TempDir Path dir;

  @Test
  void defaultsWithoutFileOrEnvironment() {
    Settings s = new SettingsLoader(Map.of()).load(null, Map.of());
    assertEquals(Duration.ofSeconds(10), s.duration(ConfigKeys.TRAFFIC_INTERVAL));
    assertEquals(Duration.ofSeconds(30), s.duration(ConfigKeys.ENFORCE_INTERVAL));
    assertEquals("https://api.telegram.org", s.get(ConfigKeys.TELEGRAM_API_URL));
    assertTrue(s.databaseUrl().startsWith("jdbc:sqlite:"));
    assertTrue(s.dataDir().toString().endsWith(".local/share/vpn-manager"));
  }

  @Test
  void fileThenEnvironmentOverrides() throws Exception {
    Path f = dir.resolve("c.yaml");
    Files.writeString(f, "telegram:\n  api-url: http://localhost:8081\n  token: abc\n"
        + "admins:\n  - telegram:1\n  - matrix:@bob:example.org\ntraffic-interval: 1m\n");
    Settings s = new SettingsLoader(Map.of("VPN_TELEGRAM_API_URL", "http://127.0.0.1:9999",
        "VPN_DATA_DIR", dir.toString())).load(f, Map.of());
    assertEquals("http://127.0.0.1:9999", s.get(ConfigKeys.TELEGRAM_API_URL));
    assertEquals("abc", s.get(ConfigKeys.TELEGRAM_TOKEN));
    assertEquals(java.util.List.of("telegram:1", "matrix:@bob:example.org"), s.list(ConfigKeys.ADMINS));
    assertEquals(Duration.ofMinutes(1), s.duration(ConfigKeys.TRAFFIC_INTERVAL));
    assertEquals(dir, s.dataDir());
    assertEquals("jdbc:sqlite:" + dir.resolve("vpn-manager.db"), s.databaseUrl());
  }

  @Test
  void vpnConfigVariableNamesTheFile() throws Exception {
    Path f = dir.resolve("x.yaml");
    Files.writeString(f, "public-host: vpn.example.org\n");
    Settings s = new SettingsLoader(Map.of("VPN_CONFIG", f.toString())).load(null, Map.of());
    assertEquals("vpn.example.org", s.get(ConfigKeys.PUBLIC_HOST));
  }

  @Test
  void badValueNamesKeyVariableAndForm() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> new SettingsLoader(Map.of("VPN_TRAFFIC_INTERVAL", "soon")).load(null, Map.of()));
    assertEquals("configuration key traffic-interval (VPN_TRAFFIC_INTERVAL) has invalid value 'soon' from "
        + "environment variable VPN_TRAFFIC_INTERVAL: expected a duration such as 10s, 1m, 2h", e.getMessage());
  }

  @Test
  void badValuesAreRefused() {
    for (Map.Entry<String, String> bad : Map.of("VPN_TELEGRAM_API_URL", "ftp://x", "VPN_ADMINS", "bob",
        "VPN_DATABASE_URL", "jdbc:mysql://x", "VPN_WIREGUARD_SUBNET", "10.8.0.0/8", "VPN_DOCKER_HOST", "docker",
        "VPN_PORT_RANGE", "5-3").entrySet()) {
      assertThrows(ConfigException.class, () -> new SettingsLoader(Map.of(bad.getKey(), bad.getValue()))
          .load(null, Map.of()), bad.getKey());
    }
  }

  @Test
  void secretsAreNotEchoedInErrors() throws Exception {
    Path f = dir.resolve("c.yaml");
    Files.writeString(f, "telegram:\n  tokn: secret123\n");
    ConfigException e = assertThrows(ConfigException.class, () -> new SettingsLoader(Map.of()).load(f, Map.of()));
    assertTrue(e.getMessage().contains("unknown configuration key 'telegram.tokn'"), e.getMessage());
    assertTrue(!e.getMessage().contains("secret123"));
  }

  @Test
  void notYamlIsOneClearLine() throws Exception {
    Path f = dir.resolve("c.yaml");
    Files.writeString(f, "a: [unclosed\n");
    ConfigException e = assertThrows(ConfigException.class, () -> new SettingsLoader(Map.of()).load(f, Map.of()));
    assertTrue(e.getMessage().startsWith("configuration file " + f + " is not valid YAML"));
    assertThrows(ConfigException.class, () -> new SettingsLoader(Map.of()).load(dir.resolve("missing.yaml"),
        Map.of()));
  }

  @Test
  void exampleFileDocumentsEveryKeyAndLoads() throws Exception {
    Path example = Path.of(System.getProperty("vpn.projectDir", "."), "config", "vpn-manager.example.yaml");
    Set<String> documented = new HashSet<>();
    collect("", new ObjectMapper(new YAMLFactory()).readTree(example.toFile()), documented);
    Set<String> known = new HashSet<>(ConfigKeys.byPath().keySet());
    assertEquals(known, documented);
    Settings s = new SettingsLoader(Map.of()).load(example, Map.of());
    for (ConfigKey k : ConfigKeys.all()) {
      assertEquals(k.defaultValue(), s.get(k), "example shows the default of " + k.path());
    }
  }

  private static void collect(String prefix, com.fasterxml.jackson.databind.JsonNode node, Set<String> out) {
    Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = node.fields();
    while (it.hasNext()) {
      var e = it.next();
      String p = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      if (e.getValue().isObject()) {
        collect(p, e.getValue(), out);
      } else {
        out.add(p);
      }
    }
  }
}
