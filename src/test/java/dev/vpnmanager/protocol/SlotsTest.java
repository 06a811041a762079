package dev.vpnmanager.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vpnmanager.protocol.wireguard.AddressPool;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The lowest free slot, found again after each allocation without starting from the bottom of the range. */
class SlotsTest {
  @Test
  void theLowestFreeSlotFillsHolesFirstAndEndsAtTheTop() {
    Slots used = new Slots(Set.of("8388", "8390"));
    assertEquals(8389, used.lowestFree("p", 8388, 8392, Integer::toString));
    used.add("8389");
    assertEquals(8391, used.lowestFree("p", 8388, 8392, Integer::toString));
    used.add("8391");
    assertEquals(8392, used.lowestFree("p", 8388, 8392, Integer::toString));
    used.add("8392");
    assertEquals(-1, used.lowestFree("p", 8388, 8392, Integer::toString));
    // another range keeps its own place
    assertEquals(10, used.lowestFree("q", 10, 20, Integer::toString));
  }

  @Test
  void anImportThatTakesAWholeRangeLooksAtEachSlotOnce() {
    Slots used = Slots.of();
    int[] looked = new int[1];
    int last = -1;
    for (int i = 0; i < 55_000; i++) {
      last = used.lowestFree("p", 10_000, 64_999, k -> {
        looked[0]++;
        return Integer.toString(k);
      });
      used.add(Integer.toString(last));
    }
    assertEquals(64_999, last);
    // each allocation looks again at the port the one before took, then at the next: two looks, not thousands
    // (a scan from the bottom of the range looked 1.5 billion times)
    assertEquals(2 * 55_000 - 1, looked[0]);
  }

  @Test
  void aWireguardPoolHandsOutItsAddressesInOrder() {
    AddressPool pool = AddressPool.parse("10.64.0.0/16");
    Slots used = Slots.of("10.64.0.3");
    assertEquals("10.64.0.2", pool.allocate(used));
    used.add("10.64.0.2");
    assertEquals("10.64.0.4", pool.allocate(used));
  }
}
