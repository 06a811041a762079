package dev.vpnmanager.server.live;

/**
 * A user's cumulative bytes as the server counts them. {@code uplink}/{@code downlink} are from the client's
 * point of view; sources that count only a sum (ss-manager) report it as {@code downlink} with uplink 0.
 */
public record TrafficSample(String username, long uplink, long downlink) {
  public long total() {
    return uplink + downlink;
  }
}
