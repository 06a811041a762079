package dev.vpnmanager.protocol;

/** A user as drivers see it: the name (also the account tag on the server) and the protocol credentials. */
public record UserSpec(String username, Credentials credentials) {
  public String require(String key) {
    String v = credentials.get(key);
    if (v == null) {
      throw new IllegalStateException("user " + username + " has no '" + key + "' credential");
    }
    return v;
  }
}
