package dev.vpnmanager.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The counter table finds every name at the slot it first got, across its growth, from bytes as a reading gives. */
class CounterTableTest {
  @Test
  void everyNameKeepsItsSlotAsTheTableGrows() {
    CounterTable t = new CounterTable();
    Map<String, Integer> slots = new HashMap<>();
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 5_000; i++) {
        String name = (i % 3 == 0 ? "пользователь" : "u") + (i * 7_919 % 5_000);
        int slot = t.slotOf(name);
        assertEquals(slots.computeIfAbsent(name, k -> slot), slot, name);
        assertEquals(name, t.name(slot));
      }
    }
    assertEquals(5_000, t.size());
    // a reading's bytes: a name in the middle of a larger buffer adds to the same slot
    t.begin();
    byte[] buffer = "xxuser>>>u42>>>yy".getBytes(StandardCharsets.UTF_8);
    t.add(buffer, 9, 12, 5);
    t.add("u42", 7);
    int slot = slots.get("u42");
    assertEquals(12, t.value(slot));
    assertEquals(5_000, t.size());
  }
}
