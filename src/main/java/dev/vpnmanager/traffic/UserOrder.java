package dev.vpnmanager.traffic;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts a cycle's deltas in the order of the users' ids, so the UPDATE of vpn_user and the upsert of
 * daily_traffic walk their tables and indexes front to back: in a random order every row write touches another
 * page, and at 100,000 users SQLite's 2 MB page cache spills and rewrites pages (three times slower). The ids
 * are remembered from earlier cycles and looked up only for names not seen before. They decide the ORDER only:
 * the writes join vpn_user by username, so a stale id (a user deleted and added again) costs locality, never
 * a byte.
 */
final class UserOrder {
  private static final int MAX_REMEMBERED = 2_000_000;
  private static final long LAST = (1L << 39) - 1;
  private final Map<String, Long> ids = new HashMap<>();

  /** The ids of these usernames (of those that are users), read in the cycle's transaction. */
  interface IdLookup {
    Map<String, Long> ids(List<String> names) throws SQLException;
  }

  synchronized Map<String, Long> sorted(Map<String, Long> deltas, IdLookup lookup) throws SQLException {
    if (deltas.size() < 2) {
      return deltas;
    }
    List<String> unknown = deltas.keySet().stream().filter(k -> !ids.containsKey(k)).toList();
    if (!unknown.isEmpty()) {
      if (ids.size() + unknown.size() > MAX_REMEMBERED) {
        ids.clear();
      }
      Map<String, Long> found = lookup.ids(unknown);
      for (String name : unknown) {
        ids.put(name, found.getOrDefault(name, LAST)); // not a user: counts nowhere, goes last
      }
    }
    String[] names = deltas.keySet().toArray(String[]::new);
    long[] keys = new long[names.length]; // id in the high bits, position in the low 24
    for (int i = 0; i < names.length; i++) {
      long id = Math.min(Math.max(ids.getOrDefault(names[i], LAST), 0), LAST);
      keys[i] = id << 24 | i;
    }
    Arrays.sort(keys);
    Map<String, Long> out = new LinkedHashMap<>(names.length * 2);
    for (long k : keys) {
      String name = names[(int) (k & 0xFF_FFFF)];
      out.put(name, deltas.get(name));
    }
    return out;
  }
}
