package dev.vpnmanager.protocol;

import java.security.SecureRandom;

/** Random secrets for protocols: passwords from an unambiguous URL-safe alphabet. */
public final class Secrets {
  private static final char[] ALPHABET =
      "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();

  private Secrets() {}

  /** A password of the given length (24 characters carry about 140 bits). */
  public static String password(SecureRandom random, int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = ALPHABET[random.nextInt(ALPHABET.length)];
    }
    return new String(out);
  }

  public static byte[] bytes(SecureRandom random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }
}
