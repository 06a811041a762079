package dev.vpnmanager.server;

import dev.vpnmanager.event.DomainEvent;
import java.util.Locale;

/**
 * A committed change to a server: its keys were rotated (every client config of the server
 * changed) or its deployment (installed, started, restarted, stopped, removed).
 */
public record ServerEvent(Kind kind, String serverName, String protocol) implements DomainEvent {
  public enum Kind {
    KEYS_ROTATED, INSTALLED, STARTED, RESTARTED, STOPPED, REMOVED;

    public String code() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }
}
