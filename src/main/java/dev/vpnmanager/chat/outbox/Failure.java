package dev.vpnmanager.chat.outbox;

import java.time.Duration;

/**
 * What a failed call means for the outbox: wait as the platform asked (429 retry_after), retry with backoff
 * (5xx, network), or give up on this call (any other refusal: the next call would fail the same way).
 * {@code everyone}: the wait holds for every chat (a platform whose limit is per account, as Matrix's is),
 * not only for the chat the call went to.
 */
public record Failure(Kind kind, Duration retryAfter, boolean everyone) {
  /** The three outcomes of a failed call. */
  public enum Kind { RETRY_AFTER, TRANSIENT, PERMANENT }

  public Failure(Kind kind, Duration retryAfter) {
    this(kind, retryAfter, false);
  }

  public static Failure retryAfter(Duration d) {
    return new Failure(Kind.RETRY_AFTER, d);
  }

  /** A 429 that pauses every chat of this outbox. */
  public static Failure retryAfterForAll(Duration d) {
    return new Failure(Kind.RETRY_AFTER, d, true);
  }

  public static Failure transientError() {
    return new Failure(Kind.TRANSIENT, null);
  }

  public static Failure permanent() {
    return new Failure(Kind.PERMANENT, null);
  }
}
