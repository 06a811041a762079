package dev.vpnmanager.traffic;

import java.util.List;

/**
 * The counter sources of the servers that currently run. Bound (optionally) by the container side, which
 * knows what is deployed; without a binding the collector has nothing to read and does nothing.
 */
public interface CounterSources {
  List<CounterSource> current();
}
