package dev.vpnmanager.server.shadowsocks;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The last byte count ss-manager reported for each user removed live (a removed port vanishes from its stats),
 * kept until the user's port serves again, so the traffic collector still sees those final bytes. A re-added
 * port starts at 0, which the collector reads as a restart: nothing is lost and nothing counted twice.
 */
@Singleton
final class RemovedCounts {
  private final Map<String, Map<String, Long>> byServer = new ConcurrentHashMap<>();

  @Inject
  RemovedCounts() {}

  void keep(String server, String username, long bytes) {
    byServer.computeIfAbsent(server, s -> new ConcurrentHashMap<>()).put(username, bytes);
  }

  void forget(String server, String username) {
    Map<String, Long> m = byServer.get(server);
    if (m != null) {
      m.remove(username);
    }
  }

  Long last(String server, String username) {
    Map<String, Long> m = byServer.get(server);
    return m == null ? null : m.get(username);
  }
}
