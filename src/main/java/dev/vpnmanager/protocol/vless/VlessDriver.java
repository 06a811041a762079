package dev.vpnmanager.protocol.vless;

import dev.vpnmanager.protocol.CredentialRequest;
import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.protocol.ProtocolDriver;
import dev.vpnmanager.protocol.ServerDefaults;
import dev.vpnmanager.protocol.X25519;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;
import javax.inject.Inject;

/** VLESS over TCP with Reality (Xray) or without (v2ray flavour). */
public final class VlessDriver implements ProtocolDriver {
  public static final String ID = "vless";

  @Inject
  public VlessDriver() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int defaultPort() {
    return 443;
  }

  @Override
  public Credentials newCredentials(CredentialRequest request) {
    return Credentials.of("uuid", randomUuid(request.random()).toString());
  }

  @Override
  public Credentials newServerSettings(SecureRandom random, ServerDefaults defaults) {
    X25519.RawKeyPair keys = X25519.generate(random);
    byte[] sid = new byte[8];
    random.nextBytes(sid);
    return Credentials.of(
        "flavour", "xray",
        "realityPrivateKey", keys.privateBase64Url(),
        "realityPublicKey", keys.publicBase64Url(),
        "shortId", HexFormat.of().formatHex(sid),
        "sni", "www.microsoft.com",
        "fingerprint", "chrome",
        "flow", "xtls-rprx-vision");
  }

  /** A version-4 UUID from the given SecureRandom (UUID.randomUUID has its own generator). */
  static UUID randomUuid(SecureRandom random) {
    byte[] b = new byte[16];
    random.nextBytes(b);
    b[6] = (byte) ((b[6] & 0x0f) | 0x40);
    b[8] = (byte) ((b[8] & 0x3f) | 0x80);
    long msb = 0;
    long lsb = 0;
    for (int i = 0; i < 8; i++) {
      msb = (msb << 8) | (b[i] & 0xff);
      lsb = (lsb << 8) | (b[8 + i] & 0xff);
    }
    return new UUID(msb, lsb);
  }
}
