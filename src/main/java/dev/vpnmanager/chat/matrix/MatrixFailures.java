package dev.vpnmanager.chat.matrix;

import dev.vpnmanager.chat.outbox.Failure;
import java.time.Duration;

/**
 * Reads a failed homeserver call for the outbox: 429 M_LIMIT_EXCEEDED waits retry_after_ms, and for every room
 * (the limit is the bot account's); 5xx, network errors and an access token that could not be renewed are
 * retried with backoff; any other refusal (403 not in the room, 400, 404) is final.
 */
final class MatrixFailures {
  private MatrixFailures() {}

  static Failure classify(Exception e) {
    if (e instanceof MatrixException m) {
      int status = m.status();
      if (status == 429) {
        return Failure.retryAfterForAll(m.retryAfter() == null ? Duration.ofSeconds(1) : m.retryAfter());
      }
      return status == 0 || status == 401 || status >= 500 ? Failure.transientError() : Failure.permanent();
    }
    return e instanceof MatrixHttp.Stopped ? Failure.transientError() : Failure.permanent();
  }

  /** A failure in a few words: the homeserver's status and errcode, or the kind of error. */
  static String describe(Exception e) {
    if (e instanceof MatrixException m) {
      return "matrix " + m.status() + (m.errcode() == null ? "" : " " + m.errcode());
    }
    return "matrix: " + (e == null ? "unknown error" : e.getClass().getSimpleName());
  }
}
