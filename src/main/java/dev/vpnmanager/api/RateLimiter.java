package dev.vpnmanager.api;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A fixed one-minute window of calls per token. */
final class RateLimiter {
  private final int perMinute;
  private final Clock clock;
  private final Map<String, long[]> windows = new ConcurrentHashMap<>();

  RateLimiter(int perMinute, Clock clock) {
    this.perMinute = perMinute;
    this.clock = clock;
  }

  /** Counts a call; false when the token used up this minute. */
  boolean allow(String key) {
    long minute = clock.millis() / 60_000;
    long[] w = windows.computeIfAbsent(key, k -> new long[] {minute, 0});
    synchronized (w) {
      if (w[0] != minute) {
        w[0] = minute;
        w[1] = 0;
      }
      return ++w[1] <= perMinute;
    }
  }
}
