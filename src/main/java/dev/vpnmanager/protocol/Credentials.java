package dev.vpnmanager.protocol;

import dev.vpnmanager.config.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.TreeMap;

/** A protocol's secrets or settings as an ordered string map, stored as a JSON object. */
public record Credentials(Map<String, String> values) {
  private static final ObjectMapper JSON = Json.MAPPER;

  public Credentials {
    values = java.util.Collections.unmodifiableMap(new TreeMap<>(values));
  }

  public static Credentials of(String... keyValues) {
    Map<String, String> m = new TreeMap<>();
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return new Credentials(m);
  }

  public static Credentials fromJson(String json) {
    try {
      return new Credentials(JSON.readValue(json == null || json.isBlank() ? "{}" : json, new TypeReference<>() {}));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored credentials are not a JSON object", e);
    }
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public String get(String key) {
    return values.get(key);
  }

  public Credentials with(String key, String value) {
    Map<String, String> m = new TreeMap<>(values);
    m.put(key, value);
    return new Credentials(m);
  }

  public Credentials without(String key) {
    Map<String, String> m = new TreeMap<>(values);
    m.remove(key);
    return new Credentials(m);
  }

  /** Never print secrets: only the key names. */
  @Override
  public String toString() {
    return "Credentials" + values.keySet();
  }
}
