package dev.vpnmanager.traffic;

import java.util.HashMap;
import java.util.Map;

/**
 * The last absolute counter values seen on one server and the epoch they count from, as kept in one
 * {@code traffic_snapshot} row: {@code name TAB value} lines. Keys holding a tab or a newline are never
 * usernames ({@code common/Names}), so they count nowhere and are not kept.
 */
record LastSeen(String epoch, Map<String, Long> values) {
  static final LastSeen NONE = new LastSeen("", Map.of());

  /** True for a key that can be kept (and so can be a user's). */
  static boolean keepable(String key) {
    return key.indexOf('\t') < 0 && key.indexOf('\n') < 0;
  }

  static LastSeen decode(String epoch, String text) {
    Map<String, Long> values = new HashMap<>(Math.max(16, text.length() / 10));
    int at = 0;
    int end = text.length();
    while (at < end) {
      int tab = text.indexOf('\t', at);
      int nl = text.indexOf('\n', at);
      if (nl < 0) {
        nl = end;
      }
      if (tab < 0 || tab > nl) {
        throw new IllegalStateException("corrupt traffic snapshot line at " + at);
      }
      values.put(text.substring(at, tab), Long.parseLong(text, tab + 1, nl, 10));
      at = nl + 1;
    }
    return new LastSeen(epoch, values);
  }

  String encode() {
    StringBuilder out = new StringBuilder(values.size() * 20);
    for (Map.Entry<String, Long> e : values.entrySet()) {
      out.append(e.getKey()).append('\t').append(e.getValue().longValue()).append('\n');
    }
    return out.toString();
  }
}
