package dev.vpnmanager.traffic;

import java.util.Map;

/** Absolute counter values of one server, read at one moment, and the epoch they count from. */
public record Reading(String serverName, Map<String, Long> totals, String epoch) {
  public Reading {
    totals = Map.copyOf(totals);
    epoch = epoch == null ? "" : epoch;
  }

  public Reading(String serverName, Map<String, Long> totals) {
    this(serverName, totals, "");
  }
}
