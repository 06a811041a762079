package dev.vpnmanager.server.live;

import java.util.List;
import java.util.Map;

/** What a live batch did: user names applied, and for each failed user the server's one-line reason. */
public record BatchResult(List<String> applied, Map<String, String> failed) {
  public BatchResult {
    applied = List.copyOf(applied);
    failed = Map.copyOf(failed);
  }

  public boolean complete() {
    return failed.isEmpty();
  }
}
