package dev.vpnmanager.common;

/** Bad input from a person or a file: reported as one line, exit code 2, nothing written. */
public class InvalidInputException extends RuntimeException {
  public InvalidInputException(String message) {
    super(message);
  }
}
