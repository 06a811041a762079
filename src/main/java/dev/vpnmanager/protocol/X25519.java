package dev.vpnmanager.protocol;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.util.Base64;

/** X25519 key pairs with the JDK's XDH provider, as raw 32-byte little-endian keys (WireGuard, Reality). */
public final class X25519 {
  /** A key pair as raw bytes. */
  public record RawKeyPair(byte[] privateKey, byte[] publicKey) {
    public String privateBase64() {
      return Base64.getEncoder().encodeToString(privateKey);
    }

    public String publicBase64() {
      return Base64.getEncoder().encodeToString(publicKey);
    }

    public String privateBase64Url() {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(privateKey);
    }

    public String publicBase64Url() {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(publicKey);
    }
  }

  private X25519() {}

  public static RawKeyPair generate(SecureRandom random) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("XDH");
      g.initialize(NamedParameterSpec.X25519, random);
      KeyPair kp = g.generateKeyPair();
      byte[] priv = ((XECPrivateKey) kp.getPrivate()).getScalar().orElseThrow();
      return new RawKeyPair(priv, encodeU(((XECPublicKey) kp.getPublic()).getU()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("X25519 is not available in this JDK", e);
    }
  }

  /** The public key of a raw private key (the JDK clamps the scalar as RFC 7748 says). */
  public static byte[] publicKeyOf(byte[] privateKey) {
    try {
      KeyFactory kf = KeyFactory.getInstance("XDH");
      XECPrivateKey priv = (XECPrivateKey) kf.generatePrivate(
          new XECPrivateKeySpec(NamedParameterSpec.X25519, privateKey));
      KeyPairGenerator g = KeyPairGenerator.getInstance("XDH");
      g.initialize(NamedParameterSpec.X25519, new FixedRandom(priv.getScalar().orElseThrow()));
      return encodeU(((XECPublicKey) g.generateKeyPair().getPublic()).getU());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("X25519 is not available in this JDK", e);
    }
  }

  private static byte[] encodeU(BigInteger u) {
    byte[] be = u.toByteArray();
    byte[] le = new byte[32];
    for (int i = 0; i < 32 && i < be.length; i++) {
      le[i] = be[be.length - 1 - i];
    }
    return le;
  }

  /** Feeds the given bytes to the key generator, so it derives the pair of a known private key. */
  private static final class FixedRandom extends SecureRandom {
    private final byte[] bytes;

    FixedRandom(byte[] bytes) {
      this.bytes = bytes.clone();
    }

    @Override
    public void nextBytes(byte[] out) {
      System.arraycopy(bytes, 0, out, 0, Math.min(out.length, bytes.length));
    }
  }
}
