package dev.vpnmanager.chat.router;

/** Who is talking, from most to least trusted. A command names the least role it needs. */
public enum Role {
  OWNER, ADMIN, USER, ANYONE;

  public boolean atLeast(Role needed) {
    return ordinal() <= needed.ordinal();
  }
}
