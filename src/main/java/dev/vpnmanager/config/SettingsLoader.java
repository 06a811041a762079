package dev.vpnmanager.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads settings: the file from --config, else $VPN_CONFIG, else config/vpn-manager.yaml if present, else
 * built-in defaults; then every key may be overridden by its VPN_* environment variable.
 */
public final class SettingsLoader {
  private final Map<String, String> env;

  public SettingsLoader(Map<String, String> env) {
    this.env = env;
  }

  /** Loads and validates; throws {@link ConfigException} naming the first bad key. */
  public Settings load(Path explicitFile, Map<String, String> overrides) {
    Path file = chooseFile(explicitFile);
    Map<String, String> values = new HashMap<>();
    if (file != null) {
      values.putAll(readYaml(file));
    }
    Map<String, String> origin = new HashMap<>();
    values.keySet().forEach(k -> origin.put(k, file.toString()));
    for (ConfigKey key : ConfigKeys.all()) {
      String fromEnv = env.get(key.envVar());
      if (fromEnv != null) {
        values.put(key.path(), fromEnv.trim());
        origin.put(key.path(), "environment variable " + key.envVar());
      }
    }
    overrides.forEach((k, v) -> {
      values.put(k, v);
      origin.put(k, "override");
    });
    for (Map.Entry<String, String> e : values.entrySet()) {
      ConfigKey key = ConfigKeys.byPath().get(e.getKey());
      if (key == null) {
        throw new ConfigException("unknown configuration key '" + e.getKey() + "' in " + origin.get(e.getKey())
            + " (see config/vpn-manager.example.yaml)");
      }
      String v = e.getValue();
      if (!v.isEmpty() && !key.type().valid(v)) {
        throw new ConfigException("configuration key " + key.path() + " (" + key.envVar() + ") has invalid value '"
            + printable(key, v) + "' from " + origin.get(key.path()) + ": expected " + key.type().form());
      }
    }
    return new Settings(values, file == null ? "built-in defaults" : file.toString());
  }

  private Path chooseFile(Path explicitFile) {
    if (explicitFile != null) {
      if (!Files.isRegularFile(explicitFile)) {
        throw new ConfigException("configuration file " + explicitFile + " does not exist");
      }
      return explicitFile;
    }
    String fromEnv = env.get("VPN_CONFIG");
    if (fromEnv != null && !fromEnv.isBlank()) {
      Path p = Path.of(fromEnv);
      if (!Files.isRegularFile(p)) {
        throw new ConfigException("configuration file " + p + " (VPN_CONFIG) does not exist");
      }
      return p;
    }
    Path local = Path.of("config", "vpn-manager.yaml");
    return Files.isRegularFile(local) ? local : null;
  }

  private static Map<String, String> readYaml(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    } catch (IOException e) {
      throw new ConfigException("configuration file " + file + " is not valid YAML: "
          + e.getMessage().lines().findFirst().orElse(""));
    }
    Map<String, String> out = new HashMap<>();
    if (root != null && !root.isMissingNode() && !root.isNull()) {
      if (!root.isObject()) {
        throw new ConfigException("configuration file " + file + " must be a YAML mapping of keys to values");
      }
      flatten("", root, out, file);
    }
    return out;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> out, Path file) {
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      JsonNode v = e.getValue();
      if (v.isObject()) {
        flatten(path, v, out, file);
      } else if (v.isArray()) {
        StringBuilder b = new StringBuilder();
        v.forEach(item -> b.append(b.length() == 0 ? "" : ",").append(item.asText()));
        out.put(path, b.toString());
      } else if (!v.isNull()) {
        out.put(path, v.asText());
      }
    }
  }

  private static String printable(ConfigKey key, String v) {
    boolean secret = key.path().contains("token") || key.path().contains("password");
    return secret ? "***" : v.replaceAll("\\p{Cntrl}", "?");
  }
}
