package dev.vpnmanager.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {
  @ParameterizedTest
  @ValueSource(strings = {"bob", "Alice_01", "a.b-c", "123", "abcdefghijklmnopqrstuvwxyz012345"})
  void acceptsValidNames(String name) {
    assertEquals(name, Names.requireValid("user", name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "ab", "a/b", "a..b", "../etc", "bob smith", "bob'", "bob\"", "a;b", "$(id)",
      "bob\u0007", "bob\n", "_bob", ".bob", "-bob", "b\u00f6b"})
  void rejectsBadNames(String name) {
    assertThrows(InvalidInputException.class, () -> Names.requireValid("user", name));
  }

  @org.junit.jupiter.api.Test
  void rejectsTooLong() {
    assertThrows(InvalidInputException.class, () -> Names.requireValid("user", "x".repeat(33)));
  }
}
