package dev.vpnmanager.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.chat.router.CallbackCodec;
import dev.vpnmanager.testing.FakeClock;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallbackCodecTest {
  FakeClock clock = FakeClock.at("2026-06-01T00:00:00Z");
  Set<String> used = new HashSet<>();
  CallbackCodec codec = new CallbackCodec(new byte[32], clock, new SecureRandom(), used::add);

  @Test
  void roundTripWithinSixtyFourBytes() {
    String data = codec.encode("-1001234567890", "user:delok:123456789012", true);
    assertTrue(data.getBytes(StandardCharsets.UTF_8).length <= 64, data);
    CallbackCodec.Decoded d = codec.decode("-1001234567890", data);
    assertTrue(d.ok());
    assertEquals("user:delok:123456789012", d.payload());
  }

  @Test
  void forgedAlteredOrForeignDataIsRefused() {
    String data = codec.encode("42", "user:sus:7", false);
    assertEquals("forged", codec.decode("42", data.replace("sus:7", "sus:8")).refusal());
    assertEquals("forged", codec.decode("43", data).refusal());
    assertEquals("forged", codec.decode("42", "user:sus:7").refusal());
    assertEquals("forged", codec.decode("42", "x".repeat(65)).refusal());
    CallbackCodec other = new CallbackCodec(new byte[] {1, 2, 3}, clock, new SecureRandom(), used::add);
    assertEquals("forged", codec.decode("42", other.encode("42", "user:sus:7", false)).refusal());
  }

  @Test
  void staleDataIsRefused() {
    String data = codec.encode("42", "users:page:0", false);
    clock.advance(Duration.ofDays(8));
    assertEquals("stale", codec.decode("42", data).refusal());
  }

  @Test
  void oneShotButtonsActOnce() {
    String data = codec.encode("42", "user:delok:7", true);
    assertEquals("denied", codec.decode("42", data, payload -> false).refusal(), "not spent when refused");
    assertTrue(codec.decode("42", data).ok());
    CallbackCodec.Decoded replay = codec.decode("42", data);
    assertFalse(replay.ok());
    assertEquals("used", replay.refusal());
    String nav = codec.encode("42", "users:page:1", false);
    assertTrue(codec.decode("42", nav).ok());
    assertTrue(codec.decode("42", nav).ok());
  }

  @Test
  void oversizedPayloadIsAProgrammingError() {
    assertThrows(IllegalArgumentException.class, () -> codec.encode("42", "x".repeat(40), true));
  }
}
