package dev.vpnmanager.protocol.shadowsocks;

import dev.vpnmanager.protocol.CredentialRequest;
import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.protocol.ProtocolDriver;
import dev.vpnmanager.protocol.Secrets;
import dev.vpnmanager.protocol.ServerDefaults;
import java.security.SecureRandom;
import javax.inject.Inject;

/** Shadowsocks with an AEAD cipher (Outline-compatible). */
public final class ShadowsocksDriver implements ProtocolDriver {
  public static final String ID = "shadowsocks";
  public static final String DEFAULT_METHOD = "chacha20-ietf-poly1305";

  @Inject
  public ShadowsocksDriver() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int defaultPort() {
    return 8388;
  }

  @Override
  public Credentials newCredentials(CredentialRequest request) {
    String method = request.serverSettings().values().getOrDefault("method", DEFAULT_METHOD);
    return Credentials.of("password", Secrets.password(request.random(), 24), "method", method);
  }

  @Override
  public Credentials newServerSettings(SecureRandom random, ServerDefaults defaults) {
    return Credentials.of("method", DEFAULT_METHOD);
  }
}
