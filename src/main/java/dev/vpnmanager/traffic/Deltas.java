package dev.vpnmanager.traffic;

import java.util.LinkedHashMap;
import java.util.Map;

/** Turns absolute counter values into deltas against the last values seen. */
final class Deltas {
  private Deltas() {}

  /**
   * The bytes each key moved since {@code lastSeen}. A counter below its last value means the core restarted
   * and counted from zero again, so the whole new value is traffic. Zero deltas are left out.
   */
  static Map<String, Long> of(Map<String, Long> lastSeen, Map<String, Long> now) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Map.Entry<String, Long> e : now.entrySet()) {
      long value = e.getValue();
      if (value < 0) {
        continue;
      }
      Long last = lastSeen.get(e.getKey());
      long delta = last == null || value < last ? value : value - last;
      if (delta > 0) {
        out.put(e.getKey(), delta);
      }
    }
    return out;
  }
}
