package dev.vpnmanager.protocol.proxy;

import dev.vpnmanager.protocol.CredentialRequest;
import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.protocol.ProtocolDriver;
import dev.vpnmanager.protocol.Secrets;
import dev.vpnmanager.protocol.ServerDefaults;
import java.security.SecureRandom;

/** An HTTP or SOCKS5 proxy with one account (the VPN user name and a password) per user. */
public final class ProxyDriver implements ProtocolDriver {
  private final String id;
  private final int defaultPort;

  public ProxyDriver(String id, int defaultPort) {
    this.id = id;
    this.defaultPort = defaultPort;
  }

  public static ProxyDriver http() {
    return new ProxyDriver("http", 8080);
  }

  public static ProxyDriver socks() {
    return new ProxyDriver("socks", 1080);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public int defaultPort() {
    return defaultPort;
  }

  @Override
  public Credentials newCredentials(CredentialRequest request) {
    return Credentials.of("username", request.username(), "password", Secrets.password(request.random(), 24));
  }

  @Override
  public Credentials newServerSettings(SecureRandom random, ServerDefaults defaults) {
    return Credentials.of();
  }
}
