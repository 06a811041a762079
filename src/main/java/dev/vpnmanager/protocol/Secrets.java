package dev.vpnmanager.protocol;

import dev.vpnmanager.common.InvalidInputException;
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

  /**
   * An imported password: 8-128 characters safe in every place a password goes (JSON configs, ss-manager commands,
   * proxy links, CSV): letters, digits and - _ . ~ + / = (generated ones, base64 and URL-safe text fit).
   */
  public static String requireImportablePassword(String value) {
    if (value == null || !value.matches("[A-Za-z0-9._~+/=-]{8,128}")) {
      throw new InvalidInputException("password must be 8-128 characters of A-Z a-z 0-9 - _ . ~ + / =");
    }
    return value;
  }

  /** The credentials hold exactly these keys (a stray one could reach a template later). */
  public static void requireKeys(Credentials c, String... keys) {
    java.util.Set<String> want = java.util.Set.of(keys);
    for (String k : c.values().keySet()) {
      if (!want.contains(k)) {
        throw new InvalidInputException("unexpected credential field '" + dev.vpnmanager.common.Names.printable(k)
            + "': expected " + String.join(", ", keys));
      }
    }
    for (String k : keys) {
      if (c.get(k) == null || c.get(k).isEmpty()) {
        throw new InvalidInputException("credential field '" + k + "' is missing");
      }
    }
  }

  public static byte[] bytes(SecureRandom random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }
}
