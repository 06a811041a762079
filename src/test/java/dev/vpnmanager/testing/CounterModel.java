package dev.vpnmanager.testing;

/** What a harness checks counts against: a stand-in core's last generation and its users' counters then. */
public interface CounterModel {
  long generation();

  /** How many of the generations 1..g grew user i's counters. */
  long changes(int i, long g);

  /** User i's uplink + downlink after generation g. */
  long total(int i, long g);
}
