package dev.vpnmanager.protocol.vless;

import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.protocol.ClientConfig;
import dev.vpnmanager.protocol.CredentialRequest;
import dev.vpnmanager.protocol.LanWall;
import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.protocol.ProtocolDriver;
import dev.vpnmanager.protocol.Secrets;
import dev.vpnmanager.protocol.ServerConfig;
import dev.vpnmanager.protocol.ServerDefaults;
import dev.vpnmanager.protocol.ServerSpec;
import dev.vpnmanager.protocol.Templates;
import dev.vpnmanager.protocol.UserSpec;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.inject.Inject;

/**
 * VLESS over TCP: with Reality and {@code xtls-rprx-vision} on the Xray core (default), or without Reality on
 * a v2ray 4.x core (the Xray-compatible core Debian ships). All users share one inbound, {@link #INBOUND_TAG},
 * where each is the client whose {@code email} is the user name: the handle live add/remove and the traffic
 * counters ({@code user>>>NAME>>>traffic>>>uplink}) use.
 */
public final class VlessDriver implements ProtocolDriver {
  public static final String ID = "vless";
  public static final String INBOUND_TAG = "vless-in";
  /** Where the client JSON (the "conf" format) listens for local SOCKS5 connections. */
  public static final int CLIENT_SOCKS_PORT = 10808;

  private final SniProbe probe;

  @Inject
  public VlessDriver(SniProbe probe) {
    this.probe = probe;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<String> cores() {
    return VlessSettings.CORES;
  }

  @Override
  public int defaultPort() {
    return 443;
  }

  @Override
  public Credentials newCredentials(CredentialRequest request) {
    return completeCredentials(request, newSecrets(request.random(), request.username()));
  }

  /** The uuid: all a VLESS user has. */
  @Override
  public Credentials newSecrets(SecureRandom random, String username) {
    return Credentials.of("uuid", randomUuid(random).toString());
  }

  /** Nothing depends on the server. */
  @Override
  public Credentials completeCredentials(CredentialRequest request, Credentials secrets) {
    return secrets;
  }

  @Override
  public void checkImported(ServerSpec server, String username, Credentials credentials) {
    Secrets.requireKeys(credentials, "uuid");
    if (!credentials.get("uuid").matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
      throw new InvalidInputException("uuid is not a UUID (8-4-4-4-12 hex digits)");
    }
  }

  @Override
  public Credentials newServerSettings(SecureRandom random, ServerDefaults defaults) {
    return VlessSettings.create(random, defaults, probe);
  }

  @Override
  public void checkServerOptions(ServerDefaults defaults) {
    VlessSettings.check(defaults);
  }

  @Override
  public Credentials rotateServerKeys(SecureRandom random, Credentials settings) {
    if (!VlessSettings.isReality(settings)) {
      throw new InvalidInputException("this vless server runs the v2ray core without Reality: it has no server "
          + "keys to rotate (use 'users rotate NAME')");
    }
    return VlessSettings.withNewKeys(random, settings);
  }

  @Override
  public ServerConfig serverConfig(ServerSpec server, List<UserSpec> users) {
    Map<String, Object> v = VlessSettings.variables(server);
    List<Map<String, Object>> clients = new ArrayList<>(users.size());
    for (UserSpec u : users) {
      clients.add(Map.of("id", u.require("uuid"), "email", u.username()));
    }
    v.put("users", clients);
    v.putAll(LanWall.variables(server));
    String core = VlessSettings.core(server.settings());
    return new ServerConfig(core, "config.json", Templates.render(core + "/vless-server.json.peb", v));
  }

  @Override
  public ClientConfig clientConfig(ServerSpec server, UserSpec user) {
    Map<String, Object> v = new HashMap<>(VlessSettings.variables(server));
    v.put("id", user.require("uuid"));
    v.put("host", server.host());
    v.put("localPort", CLIENT_SOCKS_PORT);
    String core = VlessSettings.core(server.settings());
    String json = Templates.render(core + "/vless-client.json.peb", v);
    return new ClientConfig(VlessLink.of(server, user), user.username() + ".json", json);
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
