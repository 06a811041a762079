package dev.vpnmanager.protocol.wireguard;

import dev.vpnmanager.protocol.CredentialRequest;
import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.protocol.ProtocolDriver;
import dev.vpnmanager.protocol.Secrets;
import dev.vpnmanager.protocol.ServerDefaults;
import dev.vpnmanager.protocol.X25519;
import java.security.SecureRandom;
import java.util.Base64;
import javax.inject.Inject;

/** WireGuard: server and per-user X25519 keys, a preshared key, addresses from the server's subnet. */
public final class WireguardDriver implements ProtocolDriver {
  public static final String ID = "wireguard";

  @Inject
  public WireguardDriver() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int defaultPort() {
    return 51820;
  }

  @Override
  public Credentials newCredentials(CredentialRequest request) {
    X25519.RawKeyPair keys = X25519.generate(request.random());
    String subnet = request.serverSettings().values().getOrDefault("subnet", "10.8.0.0/24");
    String address = AddressPool.parse(subnet).allocate(request.usedAddresses().get());
    return Credentials.of(
        "privateKey", keys.privateBase64(),
        "publicKey", keys.publicBase64(),
        "presharedKey", Base64.getEncoder().encodeToString(Secrets.bytes(request.random(), 32)),
        "address", address);
  }

  @Override
  public Credentials newServerSettings(SecureRandom random, ServerDefaults defaults) {
    X25519.RawKeyPair keys = X25519.generate(random);
    return Credentials.of(
        "privateKey", keys.privateBase64(),
        "publicKey", keys.publicBase64(),
        "subnet", defaults.wireguardSubnet(),
        "dns", "1.1.1.1",
        "mtu", "1420",
        "keepalive", "25");
  }
}
