package dev.vpnmanager.common;

/** The input was fine but the operation could not be carried out (exit code 1). */
public class OperationFailedException extends RuntimeException {
  public OperationFailedException(String message) {
    super(message);
  }

  public OperationFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
