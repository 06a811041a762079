package dev.vpnmanager.chat.outbox;

import java.time.Duration;

/**
 * Send rates: overall, per private chat and per group, each a token bucket with a small burst, plus the
 * retry policy for transient errors. {@link #telegram()} is Telegram's published limits with headroom: a
 * bucket allows its burst plus its rate in any window, so 25/s + 2 stays under 30/s, a chat's 1/s + 2 under 3
 * in a second, and a group's 18/min + 2 at 20 a minute.
 */
public record Limits(double overallPerSecond, int overallBurst, double chatPerSecond, double groupPerSecond,
                     int chatBurst, int maxAttempts, Duration firstBackoff, Duration maxBackoff) {

  public static Limits telegram() {
    // 10 tries with backoff 0.5 s doubling to 30 s: a reply rides out about two minutes of 5xx or network errors
    return new Limits(25, 2, 1, 18 / 60.0, 2, 10, Duration.ofMillis(500), Duration.ofSeconds(30));
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
