package dev.vpnmanager.top;

import java.time.Instant;
import java.util.List;

/** One refresh of the dashboard: what `top` draws, gathered off the screen thread. */
public record TopSnapshot(Instant at, List<ServerLine> servers, String serversNote, List<UserLine> users,
                          long todayBytes, List<AlertLine> alerts) {
  /** A server: state from its container, CPU and memory in percent (negative when unknown), its user count. */
  public record ServerLine(String name, String protocol, int port, String state, double cpu, double memory, int users) {}

  /**
   * A user: status, server, traffic used and limit (0 = none), today's bytes, and the current rate in bytes per
   * second ({@code -1} when no rate was measured yet); online when the last traffic cycle seen moved their bytes.
   */
  public record UserLine(String name, String status, String server, long used, long limit, long today, double rate,
                         boolean online) {}

  /** An alert as sent: when it was raised and its first line (English). */
  public record AlertLine(Instant at, String text) {}

  public long online() {
    return users.stream().filter(UserLine::online).count();
  }
}
