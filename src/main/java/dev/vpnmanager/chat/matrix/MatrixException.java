package dev.vpnmanager.chat.matrix;

import dev.vpnmanager.common.OperationFailedException;

/** A homeserver refused a request ({@code errcode} as in the spec) or could not be reached. Never holds a token. */
public final class MatrixException extends OperationFailedException {
  private final int status;
  private final String errcode;
  private final java.time.Duration retryAfter;

  public MatrixException(int status, String errcode, String message) {
    this(status, errcode, message, null);
  }

  /** {@code retryAfter}: how long a 429 (M_LIMIT_EXCEEDED) asked to wait, else null. */
  public MatrixException(int status, String errcode, String message, java.time.Duration retryAfter) {
    super(message);
    this.status = status;
    this.errcode = errcode;
    this.retryAfter = retryAfter;
  }

  /** How long the homeserver asked to wait (429 retry_after_ms or Retry-After), or null. */
  public java.time.Duration retryAfter() {
    return retryAfter;
  }

  /** The HTTP status, or 0 when the homeserver could not be reached. */
  public int status() {
    return status;
  }

  public String errcode() {
    return errcode;
  }
}
