package dev.vpnmanager.protocol.wireguard;

import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.protocol.ClientConfig;
import dev.vpnmanager.protocol.CredentialRequest;
import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.protocol.ProtocolDriver;
import dev.vpnmanager.protocol.Secrets;
import dev.vpnmanager.protocol.ServerConfig;
import dev.vpnmanager.protocol.ServerDefaults;
import dev.vpnmanager.protocol.ServerSpec;
import dev.vpnmanager.protocol.Templates;
import dev.vpnmanager.protocol.UserSpec;
import dev.vpnmanager.protocol.X25519;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;

/**
 * WireGuard: server and per-user X25519 keys, a preshared key per user, client addresses from the server's
 * subnet. The .conf text is the link and the QR payload. A user is a peer identified by their public key.
 */
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
    return completeCredentials(request, newSecrets(request.random(), request.username()));
  }

  /** The user's key pair and preshared key (the X25519 pair is the slow part: ~100 µs). */
  @Override
  public Credentials newSecrets(SecureRandom random, String username) {
    return keys(random);
  }

  /** The keys made ahead and the lowest free address of the server's subnet. */
  @Override
  public Credentials completeCredentials(CredentialRequest request, Credentials secrets) {
    String subnet = request.serverSettings().values().getOrDefault("subnet", "10.8.0.0/24");
    String address = AddressPool.parse(subnet).allocate(request.usedAddresses().get());
    return secrets.with("address", address);
  }

  /** New keys, same address: the peer's AllowedIPs on the server stay where they were. */
  @Override
  public Credentials rotateCredentials(CredentialRequest request, Credentials old) {
    return keys(request.random()).with("address", old.get("address"));
  }

  /**
   * Keys are base64 of 32 bytes and the public key belongs to the private key; the address is one IPv4 address of
   * the server's pool, neither its network, the server's own nor the broadcast address (a list or a prefix here
   * would land in wg0.conf's AllowedIPs and capture other clients' traffic).
   */
  @Override
  public void checkImported(ServerSpec server, String username, Credentials credentials) {
    Secrets.requireKeys(credentials, "privateKey", "publicKey", "presharedKey", "address");
    byte[] priv = key(credentials, "privateKey");
    byte[] pub = key(credentials, "publicKey");
    key(credentials, "presharedKey");
    if (!java.util.Arrays.equals(pub, X25519.publicKeyOf(priv))) {
      throw new InvalidInputException("publicKey does not belong to privateKey");
    }
    AddressPool pool = AddressPool.parse(server.setting("subnet", "10.8.0.0/24"));
    pool.requireClientAddress(credentials.get("address"));
  }

  private static byte[] key(Credentials c, String field) {
    String v = c.get(field);
    try {
      if (v.length() == 44) {
        byte[] b = Base64.getDecoder().decode(v);
        if (b.length == 32) {
          return b;
        }
      }
    } catch (IllegalArgumentException bad) {
      // reported below
    }
    throw new InvalidInputException(field + " is not a WireGuard key (base64 of 32 bytes)");
  }

  @Override
  public Credentials newServerSettings(SecureRandom random, ServerDefaults defaults) {
    AddressPool pool = AddressPool.parse(defaults.option("subnet", defaults.wireguardSubnet()));
    X25519.RawKeyPair keys = X25519.generate(random);
    return Credentials.of(
        "privateKey", keys.privateBase64(),
        "publicKey", keys.publicBase64(),
        "subnet", pool.cidr(),
        "dns", defaults.option("dns", "1.1.1.1"),
        "mtu", defaults.option("mtu", "1420"),
        "keepalive", defaults.option("keepalive", "25"),
        "allowedIps", defaults.option("allowedIps", "0.0.0.0/0, ::/0"));
  }

  @Override
  public Credentials rotateServerKeys(SecureRandom random, Credentials settings) {
    X25519.RawKeyPair keys = X25519.generate(random);
    return settings.with("privateKey", keys.privateBase64()).with("publicKey", keys.publicBase64());
  }

  @Override
  public ServerConfig serverConfig(ServerSpec server, List<UserSpec> users) {
    AddressPool pool = AddressPool.parse(server.setting("subnet", "10.8.0.0/24"));
    Map<String, Object> v = new HashMap<>();
    v.put("privateKey", server.settings().get("privateKey"));
    v.put("address", pool.serverAddress() + "/" + pool.prefix());
    v.put("port", server.port());
    v.put("mtu", server.setting("mtu", "1420"));
    List<Map<String, Object>> peers = new ArrayList<>(users.size());
    for (UserSpec u : users) {
      peers.add(Map.of("name", u.username(), "publicKey", u.require("publicKey"),
          "presharedKey", u.require("presharedKey"), "address", u.require("address")));
    }
    v.put("users", peers);
    return new ServerConfig("wireguard", "wg0.conf", Templates.render("wireguard/server.conf.peb", v));
  }

  @Override
  public ClientConfig clientConfig(ServerSpec server, UserSpec user) {
    Map<String, Object> v = new HashMap<>();
    v.put("privateKey", user.require("privateKey"));
    v.put("address", user.require("address") + "/32");
    v.put("dns", server.setting("dns", ""));
    v.put("mtu", server.setting("mtu", "1420"));
    v.put("serverPublicKey", server.settings().get("publicKey"));
    v.put("presharedKey", user.require("presharedKey"));
    v.put("endpoint", server.urlHost() + ":" + server.port());
    v.put("allowedIps", server.setting("allowedIps", "0.0.0.0/0, ::/0"));
    v.put("keepalive", server.setting("keepalive", "0"));
    String conf = Templates.render("wireguard/client.conf.peb", v);
    return new ClientConfig(conf, user.username() + ".conf", conf);
  }

  private static Credentials keys(SecureRandom random) {
    X25519.RawKeyPair keys = X25519.generate(random);
    return Credentials.of(
        "privateKey", keys.privateBase64(),
        "publicKey", keys.publicBase64(),
        "presharedKey", Base64.getEncoder().encodeToString(Secrets.bytes(random, 32)));
  }
}
