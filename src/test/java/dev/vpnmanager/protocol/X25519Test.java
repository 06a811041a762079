package dev.vpnmanager.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** X25519 against RFC 7748's test vectors and against the JDK's own XDH provider. */
class X25519Test {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void rfc7748Vectors() { // RFC 7748, section 6.1
    assertEquals("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a", HEX.formatHex(
        X25519.publicKeyOf(HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"))));
    assertEquals("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f", HEX.formatHex(
        X25519.publicKeyOf(HEX.parseHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"))));
  }

  @Test
  void generatedPairsAreClampedAndAgreeWithTheJdk() throws Exception {
    SecureRandom random = new SecureRandom();
    byte[] last = null;
    for (int i = 0; i < 50; i++) {
      X25519.RawKeyPair p = X25519.generate(random);
      assertEquals(32, p.privateKey().length);
      assertEquals(32, p.publicKey().length);
      assertEquals(0, p.privateKey()[0] & 7, "low three bits cleared");
      assertEquals(0x40, p.privateKey()[31] & 0xc0, "top bit cleared, next one set");
      assertArrayEquals(jdkPublicKeyOf(p.privateKey()), p.publicKey());
      assertNotEquals(HEX.formatHex(p.privateKey()), last == null ? "" : HEX.formatHex(last));
      last = p.privateKey();
    }
  }

  @Test
  void anUnclampedPrivateKeyGivesTheSameKeyAsTheJdk() throws Exception {
    byte[] raw = new byte[32];
    java.util.Arrays.fill(raw, (byte) 0xff); // wg and the JDK clamp on use; so must we
    assertArrayEquals(jdkPublicKeyOf(raw), X25519.publicKeyOf(raw));
  }

  @Test
  void aKeyOfAnotherLengthIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> X25519.publicKeyOf(new byte[31]));
  }

  /** The JDK's XDH: the public key of a private scalar, little-endian. */
  private static byte[] jdkPublicKeyOf(byte[] priv) throws Exception {
    var spec = new XECPrivateKeySpec(NamedParameterSpec.X25519, priv);
    var key = KeyFactory.getInstance("XDH").generatePrivate(spec);
    KeyPairGenerator g = KeyPairGenerator.getInstance("XDH");
    byte[] scalar = ((java.security.interfaces.XECPrivateKey) key).getScalar().orElseThrow();
    g.initialize(NamedParameterSpec.X25519, new SecureRandom() {
      @Override
      public void nextBytes(byte[] out) {
        System.arraycopy(scalar, 0, out, 0, Math.min(out.length, scalar.length));
      }
    });
    BigInteger u = ((XECPublicKey) g.generateKeyPair().getPublic()).getU();
    byte[] be = u.toByteArray();
    byte[] le = new byte[32];
    for (int i = 0; i < 32 && i < be.length; i++) {
      le[i] = be[be.length - 1 - i];
    }
    return le;
  }
}
