package dev.vpnmanager.traffic;

import java.util.List;

/** What one collection cycle did: servers read, counters that moved, bytes added, servers that failed. */
public record CycleResult(int servers, int changed, long bytes, List<String> failed) {
  public CycleResult {
    failed = List.copyOf(failed);
  }
}
