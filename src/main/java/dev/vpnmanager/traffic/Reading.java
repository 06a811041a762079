package dev.vpnmanager.traffic;

import java.util.Map;

/** Absolute counter values of one server, read at one moment. */
public record Reading(String serverName, Map<String, Long> totals) {
  public Reading {
    totals = Map.copyOf(totals);
  }
}
