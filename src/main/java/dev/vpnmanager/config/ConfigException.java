package dev.vpnmanager.config;

import dev.vpnmanager.common.InvalidInputException;

/** A configuration value is missing or malformed; the message names the key and the expected form. */
public class ConfigException extends InvalidInputException {
  public ConfigException(String message) {
    super(message);
  }
}
