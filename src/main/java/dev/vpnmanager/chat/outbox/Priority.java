package dev.vpnmanager.chat.outbox;

/** Interactive replies (a person is waiting) always leave before bulk messages (alerts, broadcasts). */
public enum Priority {
  INTERACTIVE, BULK
}
