package dev.vpnmanager.common;

/** The change collides with existing state, e.g. a name that already exists (exit code 2). */
public class ConflictException extends InvalidInputException {
  public ConflictException(String message) {
    super(message);
  }
}
