package dev.vpnmanager.server.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The last byte count a server reported for each user removed live (ss-manager drops a removed port from its
 * stats, WireGuard a removed peer), kept until the user is added again, so the traffic collector still sees
 * those final bytes. A re-added user starts at 0, which the collector reads as a restart: nothing counted twice.
 */
@Singleton
public final class FinalCounts {
  private final Map<String, Map<String, Long>> byServer = new ConcurrentHashMap<>();

  @Inject
  public FinalCounts() {}

  public void keep(String server, String username, long bytes) {
    byServer.computeIfAbsent(server, s -> new ConcurrentHashMap<>()).put(username, bytes);
  }

  public void forget(String server, String username) {
    Map<String, Long> m = byServer.get(server);
    if (m != null) {
      m.remove(username);
    }
  }

  public Long last(String server, String username) {
    Map<String, Long> m = byServer.get(server);
    return m == null ? null : m.get(username);
  }
}
