package dev.vpnmanager.server.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reconciler's comparison of names (the live tests run it against real cores). */
class ReconcilerTest {
  @Test
  void namesOnlyTheDatabaseHasAreAddedAndNamesOnlyTheServerHasAreStrays() {
    List<String> toAdd = new ArrayList<>();
    List<String> strays = new ArrayList<>();
    Reconciler.compare(Reconciler.sortedDistinct(List.of("dave", "alice", "carol", "bob")),
        Reconciler.sortedDistinct(Arrays.asList("erin", null, "carol", "alice", "carol", "zed")), toAdd, strays);
    assertEquals(List.of("bob", "dave"), toAdd);
    assertEquals(List.of("erin", "zed"), strays);
  }

  @Test
  void emptySides() {
    List<String> toAdd = new ArrayList<>();
    List<String> strays = new ArrayList<>();
    Reconciler.compare(List.of(), List.of("a"), toAdd, strays);
    Reconciler.compare(List.of("b"), List.of(), toAdd, strays);
    Reconciler.compare(List.of(), List.of(), toAdd, strays);
    assertEquals(List.of("b"), toAdd);
    assertEquals(List.of("a"), strays);
  }

  @Test
  void sortedDistinctLeavesTheCallersListAlone() {
    List<String> names = List.of("b", "a", "b", "c", "a");
    assertEquals(List.of("a", "b", "c"), Reconciler.sortedDistinct(names));
    assertEquals(List.of("b", "a", "b", "c", "a"), names);
  }
}
