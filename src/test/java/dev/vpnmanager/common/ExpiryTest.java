package dev.vpnmanager.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.testing.FakeClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExpiryTest {
  private final FakeClock clock = FakeClock.at("2026-06-15T10:00:00Z");

  @Test
  void relativeAndAbsoluteForms() {
    assertEquals(Instant.parse("2026-07-15T10:00:00Z"), Expiry.parse("30d", clock).orElseThrow());
    assertEquals(Instant.parse("2026-06-15T22:00:00Z"), Expiry.parse("12h", clock).orElseThrow());
    assertEquals(Instant.parse("2026-06-29T10:00:00Z"), Expiry.parse("2w", clock).orElseThrow());
    assertEquals(Instant.parse("2027-01-01T00:00:00Z"), Expiry.parse("2026-12-31", clock).orElseThrow());
    assertEquals(Instant.parse("2026-08-01T12:30:00Z"), Expiry.parse("2026-08-01T12:30:00Z", clock).orElseThrow());
    assertTrue(Expiry.parse("never", clock).isEmpty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-13-40", "yesterday", "2026-02-30", "0d", "-3d", "30x", "", "2020-01-01",
      "2026-06-15T09:00:00Z", "1e9d"})
  void rejectsBadOrPastDates(String text) {
    assertThrows(InvalidInputException.class, () -> Expiry.parse(text, clock));
  }
}
