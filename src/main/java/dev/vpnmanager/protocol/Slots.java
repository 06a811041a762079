package dev.vpnmanager.protocol;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * The slots a server's users hold (WireGuard addresses, per-user ports, as strings), for one operation that only
 * adds to them: one user added, or one import. The lowest free slot of a range is searched from where the last
 * search in that range ended, since every slot below it was held then and still is: an import of 50,000 users
 * that each need a port looks at each port about once, not 50,000 times.
 */
public final class Slots {
  private final Set<String> held;
  /** Per range: every slot below this one is held. */
  private final Map<String, Integer> floor = new HashMap<>();

  public Slots(Set<String> held) {
    this.held = new HashSet<>(held);
  }

  public static Slots of(String... held) {
    return new Slots(Set.of(held));
  }

  public boolean contains(String slot) {
    return held.contains(slot);
  }

  /** Marks a slot as held; false if it already was. */
  public boolean add(String slot) {
    return held.add(slot);
  }

  /**
   * The lowest i in [first, last] whose slot {@code name.apply(i)} is free, or -1 if all are held; {@code range}
   * names the range (its bounds and how i becomes a slot), so two ranges keep their own place.
   */
  public int lowestFree(String range, int first, int last, IntFunction<String> name) {
    int i = Math.max(first, floor.getOrDefault(range, first));
    for (; i <= last; i++) {
      if (!held.contains(name.apply(i))) {
        break;
      }
    }
    floor.put(range, i);
    return i <= last ? i : -1;
  }
}
