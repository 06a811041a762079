package dev.vpnmanager.chat.outbox;

/** A token bucket on a nanosecond clock; also remembers a pause (a 429's retry_after). */
final class Bucket {
  private final double perNano;
  private final double burst;
  private double tokens;
  private long refilledAt;
  private long pausedUntil;

  Bucket(double perSecond, int burst, long now) {
    this.perNano = perSecond / 1e9;
    this.burst = burst;
    this.tokens = burst;
    this.refilledAt = now;
  }

  /** Nanoseconds until a token is free (0 = now). */
  long waitNanos(long now) {
    refill(now);
    long pause = Math.max(0, pausedUntil - now);
    long token = tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / perNano);
    return Math.max(pause, token);
  }

  /** Nanoseconds until a pause ends (steps that use no token wait only for this). */
  long pauseNanos(long now) {
    return Math.max(0, pausedUntil - now);
  }

  /** True when the bucket is as a new one would be: full and not paused (forgetting it loses nothing). */
  boolean idle(long now) {
    refill(now);
    return tokens >= burst && pausedUntil <= now;
  }

  void take(long now) {
    refill(now);
    tokens -= 1;
  }

  void pause(long until) {
    pausedUntil = Math.max(pausedUntil, until);
  }

  private void refill(long now) {
    if (now > refilledAt) {
      tokens = Math.min(burst, tokens + (now - refilledAt) * perNano);
      refilledAt = now;
    }
  }
}
