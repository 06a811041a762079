package dev.vpnmanager.traffic;

/**
 * Where a source puts the absolute counters it reads, name by name. A name may come more than once (uplink and
 * downlink): its values add up. The byte form lets a source that decodes a wire answer hand over a name without
 * making a String for it: a name seen in an earlier cycle is found by its bytes.
 */
public interface CounterSink {
  void add(String name, long bytes);

  /** The name as UTF-8 bytes {@code utf8[from..to)}. */
  void add(byte[] utf8, int from, int to, long bytes);
}
