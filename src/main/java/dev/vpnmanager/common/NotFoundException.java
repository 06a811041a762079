package dev.vpnmanager.common;

/** A named thing (user, server, ...) does not exist. Treated as invalid input (exit code 2). */
public class NotFoundException extends InvalidInputException {
  public NotFoundException(String message) {
    super(message);
  }
}
