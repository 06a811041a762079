package dev.vpnmanager.protocol;

import dev.vpnmanager.common.InvalidInputException;

/** Port numbers as people type them: 1-65535, anything else is a clear error. */
public final class Ports {
  private Ports() {}

  public static int require(int port) {
    if (port < 1 || port > 65535) {
      throw new InvalidInputException("port " + port + " is outside 1-65535");
    }
    return port;
  }

  public static int parse(String text) {
    if (text == null || !text.matches("\\d{1,9}")) {
      throw new InvalidInputException("invalid port '" + (text == null ? "" : text) + "': expected 1-65535");
    }
    return require(Integer.parseInt(text));
  }
}
