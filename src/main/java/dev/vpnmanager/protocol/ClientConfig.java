package dev.vpnmanager.protocol;

import java.nio.charset.StandardCharsets;

/**
 * A user's client artifacts: the link (the WireGuard .conf text for WireGuard) and a file to import
 * (a .conf, a client JSON for the core, or the link as text).
 */
public record ClientConfig(String link, String fileName, String fileText) {
  public byte[] fileBytes() {
    return fileText.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "ClientConfig[" + fileName + "]";
  }
}
