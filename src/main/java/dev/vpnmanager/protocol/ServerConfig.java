package dev.vpnmanager.protocol;

/** A rendered server config: which core loads it, its file name, and the text (it holds secrets: mode 0600). */
public record ServerConfig(String core, String fileName, String content) {
  @Override
  public String toString() {
    return "ServerConfig[" + core + ", " + fileName + ", " + content.length() + " chars]";
  }
}
