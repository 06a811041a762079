package dev.vpnmanager.chat.outbox;

import java.time.Duration;

/**
 * What a failed call means for the outbox: wait as the platform asked (429 retry_after), retry with backoff
 * (5xx, network), or give up on this call (any other refusal: the next call would fail the same way).
 */
public record Failure(Kind kind, Duration retryAfter) {
  /** The three outcomes of a failed call. */
  public enum Kind { RETRY_AFTER, TRANSIENT, PERMANENT }

  public static Failure retryAfter(Duration d) {
    return new Failure(Kind.RETRY_AFTER, d);
  }

  public static Failure transientError() {
    return new Failure(Kind.TRANSIENT, null);
  }

  public static Failure permanent() {
    return new Failure(Kind.PERMANENT, null);
  }
}
