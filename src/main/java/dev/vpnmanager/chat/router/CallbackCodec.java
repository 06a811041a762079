package dev.vpnmanager.chat.router;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed button data of at most 64 bytes: {@code payload~expiry~nonce~mac}. The MAC (HMAC-SHA256, 72 bits)
 * covers the chat id too, so data forged, altered, expired or copied to another chat is refused; one-shot
 * buttons carry a nonce that the {@link NonceStore} accepts only once, so a replayed press cannot act twice.
 */
public final class CallbackCodec {
  public static final int MAX_BYTES = 64;
  static final Duration LIFETIME = Duration.ofDays(7);
  private static final char SEP = '~';

  /** Why a press was refused, or the verified payload. */
  public record Decoded(String payload, String refusal) {
    public boolean ok() {
      return refusal == null;
    }
  }

  private final byte[] key;
  private final Clock clock;
  private final SecureRandom random;
  private final NonceStore nonces;

  public CallbackCodec(byte[] key, Clock clock, SecureRandom random, NonceStore nonces) {
    this.key = key.clone();
    this.clock = clock;
    this.random = random;
    this.nonces = nonces;
  }

  public String encode(String chatId, String payload, boolean oneShot) {
    if (payload.indexOf(SEP) >= 0) {
      throw new IllegalArgumentException("payload must not contain " + SEP);
    }
    String expiry = Long.toString(clock.instant().plus(LIFETIME).getEpochSecond() / 60, 36);
    String nonce = oneShot ? Long.toString(random.nextLong() & 0xFF_FFFF_FFFFL, 36) : "";
    String body = payload + SEP + expiry + SEP + nonce;
    String data = body + SEP + mac(chatId, body);
    if (data.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new IllegalArgumentException("callback data over " + MAX_BYTES + " bytes for payload " + payload);
    }
    return data;
  }

  public Decoded decode(String chatId, String data) {
    return decode(chatId, data, payload -> true);
  }

  /**
   * Verifies the data, then asks {@code mayUse} about the payload before a one-shot nonce is spent, so a
   * caller without the right cannot burn someone else's button ("denied").
   */
  public Decoded decode(String chatId, String data, java.util.function.Predicate<String> mayUse) {
    if (data == null || data.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      return new Decoded(null, "forged");
    }
    int macAt = data.lastIndexOf(SEP);
    if (macAt < 0) {
      return new Decoded(null, "forged");
    }
    String body = data.substring(0, macAt);
    byte[] given = data.substring(macAt + 1).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(given, mac(chatId, body).getBytes(StandardCharsets.US_ASCII))) {
      return new Decoded(null, "forged");
    }
    String[] f = body.split(String.valueOf(SEP), -1);
    if (f.length != 3) {
      return new Decoded(null, "forged");
    }
    Optional<Long> expiry = parse36(f[1]);
    if (expiry.isEmpty() || expiry.get() * 60 < clock.instant().getEpochSecond()) {
      return new Decoded(null, "stale");
    }
    if (!mayUse.test(f[0])) {
      return new Decoded(null, "denied");
    }
    if (!f[2].isEmpty() && !nonces.consume(f[2])) {
      return new Decoded(null, "used");
    }
    return new Decoded(f[0], null);
  }

  private String mac(String chatId, String body) {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(new SecretKeySpec(key, "HmacSHA256"));
      m.update(chatId.getBytes(StandardCharsets.UTF_8));
      m.update((byte) 0);
      byte[] full = m.doFinal(body.getBytes(StandardCharsets.UTF_8));
      byte[] cut = new byte[9];
      System.arraycopy(full, 0, cut, 0, cut.length);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(cut);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Optional<Long> parse36(String s) {
    try {
      return Optional.of(Long.parseLong(s, 36));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
