package dev.vpnmanager.protocol.proxy;

import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.protocol.ClientConfig;
import dev.vpnmanager.protocol.CredentialRequest;
import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.protocol.LanWall;
import dev.vpnmanager.protocol.Links;
import dev.vpnmanager.protocol.Ports;
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

/**
 * An HTTP or SOCKS5 proxy with one account (the VPN user name and a password) per user, served by the Xray
 * (default, setting {@code core}, configuration key {@code proxy.core}) or v2ray 4.x core's socks/http inbound.
 * Those inbounds are not user managers in either core: a live change
 * replaces the one inbound {@link #inboundTag()} (RemoveInbound + AddInbound on the same port) with the
 * accounts rendered from the database; traffic is counted under the account's user name.
 */
public final class ProxyDriver implements ProtocolDriver {
  static final List<String> CORES = List.of("xray", "v2ray");
  private final String id;
  private final String scheme;
  private final int defaultPort;

  private ProxyDriver(String id, String scheme, int defaultPort) {
    this.id = id;
    this.scheme = scheme;
    this.defaultPort = defaultPort;
  }

  public static ProxyDriver http() {
    return new ProxyDriver("http", "http", 8080);
  }

  public static ProxyDriver socks() {
    return new ProxyDriver("socks", "socks5", 1080);
  }

  public String inboundTag() {
    return id + "-in";
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public List<String> cores() {
    return CORES;
  }

  @Override
  public int defaultPort() {
    return defaultPort;
  }

  @Override
  public Credentials newCredentials(CredentialRequest request) {
    return completeCredentials(request, newSecrets(request.random(), request.username()));
  }

  /** The account: the user's name and a password. */
  @Override
  public Credentials newSecrets(SecureRandom random, String username) {
    return Credentials.of("username", username, "password", Secrets.password(random, 24));
  }

  /** Nothing depends on the server. */
  @Override
  public Credentials completeCredentials(CredentialRequest request, Credentials secrets) {
    return secrets;
  }

  /** The account name is the user's name (the inbound's account and the traffic counter's handle). */
  @Override
  public void checkImported(ServerSpec server, String username, Credentials credentials) {
    Secrets.requireKeys(credentials, "username", "password");
    if (!credentials.get("username").equals(username)) {
      throw new InvalidInputException("username in the credentials must be the user's name '" + username + "'");
    }
    Secrets.requireImportablePassword(credentials.get("password"));
  }

  @Override
  public Credentials newServerSettings(SecureRandom random, ServerDefaults defaults) {
    return Credentials.of("core", core(defaults), "listen", defaults.option("listen", "0.0.0.0"),
        "apiPort", Integer.toString(Ports.parse(defaults.option("apiPort", "10085"))));
  }

  private static String core(ServerDefaults defaults) {
    String core = defaults.option("core", "xray");
    if (!CORES.contains(core)) {
      throw new InvalidInputException("unknown proxy core '" + core + "': expected xray or v2ray");
    }
    return core;
  }

  /**
   * The accounts to give the inbound: the users', or, for an HTTP inbound with none, one account nobody is given.
   * Both cores ask an HTTP client for credentials only when the inbound has at least one account, so an HTTP
   * server whose last user is suspended (or that has none yet) would otherwise be an open proxy. The name and
   * password are random, new each time (SOCKS with {@code auth: password} and no account refuses everyone).
   */
  public static Map<String, String> withClosedDoor(String protocol, Map<String, String> accounts) {
    if (!accounts.isEmpty() || !protocol.equals("http")) {
      return accounts;
    }
    SecureRandom random = new SecureRandom();
    return Map.of("closed-" + Secrets.password(random, 16), Secrets.password(random, 32));
  }

  @Override
  public ServerConfig serverConfig(ServerSpec server, List<UserSpec> users) {
    Map<String, String> byName = new java.util.LinkedHashMap<>();
    for (UserSpec u : users) {
      byName.put(u.require("username"), u.require("password"));
    }
    List<Map<String, Object>> accounts = new ArrayList<>(users.size());
    withClosedDoor(id, byName).forEach((user, pass) -> accounts.add(Map.of("user", user, "pass", pass)));
    Map<String, Object> v = new HashMap<>();
    v.put("protocol", id);
    v.put("tag", inboundTag());
    v.put("listen", server.setting("listen", "0.0.0.0"));
    v.put("port", server.port());
    v.put("apiPort", Integer.parseInt(server.setting("apiPort", "10085")));
    // the API's Unix socket, set by the container side at deploy; empty: the API listens on loopback at apiPort
    v.put("apiSocket", server.setting("apiSocket", ""));
    v.put("users", accounts);
    v.putAll(LanWall.variables(server));
    // servers defined before Xray became the default carry core v2ray in their settings
    String core = server.setting("core", "xray");
    return new ServerConfig(core, "config.json", Templates.render(core + "/proxy-server.json.peb", v));
  }

  @Override
  public ClientConfig clientConfig(ServerSpec server, UserSpec user) {
    String link = scheme + "://" + Links.encode(user.require("username")) + ":" + Links.encode(user.require("password"))
        + "@" + server.urlHost() + ":" + server.port();
    return new ClientConfig(link, user.username() + ".txt", link + "\n");
  }
}
