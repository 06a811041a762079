package dev.vpnmanager.chat.matrix;

import dev.vpnmanager.common.OperationFailedException;

/** A homeserver refused a request ({@code errcode} as in the spec) or could not be reached. Never holds a token. */
public final class MatrixException extends OperationFailedException {
  private final int status;
  private final String errcode;

  public MatrixException(int status, String errcode, String message) {
    super(message);
    this.status = status;
    this.errcode = errcode;
  }

  /** The HTTP status, or 0 when the homeserver could not be reached. */
  public int status() {
    return status;
  }

  public String errcode() {
    return errcode;
  }
}
