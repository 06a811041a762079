package dev.vpnmanager.chat.outbox;

import java.time.Duration;

/**
 * Send rates: overall, per private chat and per group, each a token bucket with a small burst, plus the
 * retry policy for transient errors. {@link #telegram()} is Telegram's published limits with headroom.
 */
public record Limits(double overallPerSecond, int overallBurst, double chatPerSecond, double groupPerSecond,
                     int chatBurst, int maxAttempts, Duration firstBackoff, Duration maxBackoff) {

  public static Limits telegram() {
    return new Limits(25, 2, 1, 20 / 60.0, 3, 6, Duration.ofMillis(500), Duration.ofSeconds(30));
  }

  public Limits withBackoff(Duration first, Duration max) {
    return new Limits(overallPerSecond, overallBurst, chatPerSecond, groupPerSecond, chatBurst, maxAttempts, first,
        max);
  }

  Duration backoff(int attempt) {
    long ms = firstBackoff.toMillis() << Math.min(attempt - 1, 20);
    return Duration.ofMillis(Math.min(ms, maxBackoff.toMillis()));
  }
}
