package dev.vpnmanager.protocol.shadowsocks;

import dev.vpnmanager.protocol.ClientConfig;
import dev.vpnmanager.protocol.CredentialRequest;
import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.protocol.LanWall;
import dev.vpnmanager.protocol.ProtocolDriver;
import dev.vpnmanager.protocol.Secrets;
import dev.vpnmanager.protocol.ServerConfig;
import dev.vpnmanager.protocol.ServerDefaults;
import dev.vpnmanager.protocol.ServerSpec;
import dev.vpnmanager.protocol.Templates;
import dev.vpnmanager.protocol.UserSpec;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;

/**
 * Shadowsocks with an AEAD cipher (Outline-compatible). Neither shadowsocks-libev nor v2ray 4.x serves several
 * passwords on one port, so every user gets a port of their own from the server's {@code userPorts} range:
 * ss-manager runs one ss-server per port (live add/remove over its UDP API), and on the v2ray core each user is
 * one inbound tagged {@link #inboundTag(String)} (live AddInbound/RemoveInbound). Xray serves many passwords on
 * one port: on the xray core every user is a client of the one inbound {@link #XRAY_INBOUND_TAG} on the server's
 * port (live AlterInbound add/remove user, as VLESS), and a user's credentials are the password alone.
 */
public final class ShadowsocksDriver implements ProtocolDriver {
  public static final String ID = "shadowsocks";
  public static final String DEFAULT_METHOD = ShadowsocksSettings.DEFAULT_METHOD;
  /** The xray core's one inbound, which every user is a client of. */
  public static final String XRAY_INBOUND_TAG = "ss-in";

  @Inject
  public ShadowsocksDriver() {}

  /** The v2ray core's inbound tag of one user. */
  public static String inboundTag(String username) {
    return "ss-" + username;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public List<String> cores() {
    return ShadowsocksSettings.CORES;
  }

  @Override
  public int defaultPort() {
    return 8388;
  }

  @Override
  public Credentials newCredentials(CredentialRequest request) {
    return completeCredentials(request, newSecrets(request.random(), request.username()));
  }

  /** The password, whatever the core. */
  @Override
  public Credentials newSecrets(SecureRandom random, String username) {
    return Credentials.of("password", Secrets.password(random, 24));
  }

  /** On the xray core the password alone (one shared port); otherwise also a port of the user's own. */
  @Override
  public Credentials completeCredentials(CredentialRequest request, Credentials secrets) {
    if (ShadowsocksSettings.XRAY.equals(ShadowsocksSettings.core(request.serverSettings()))) {
      return secrets;
    }
    int port = ShadowsocksSettings.allocatePort(request.serverSettings(), request.usedAddresses().get());
    return secrets.with("port", Integer.toString(port));
  }

  @Override
  public Credentials rotateCredentials(CredentialRequest request, Credentials old) {
    return old.with("password", Secrets.password(request.random(), 24));
  }

  @Override
  public void checkImported(ServerSpec server, String username, Credentials credentials) {
    if (ShadowsocksSettings.sharedPort(server)) {
      // the xray core: every user on the server's port, so a row brings a password alone
      Secrets.requireKeys(credentials, "password");
      Secrets.requireImportablePassword(credentials.get("password"));
      return;
    }
    Secrets.requireKeys(credentials, "password", "port");
    Secrets.requireImportablePassword(credentials.get("password"));
    ShadowsocksSettings.requireUserPort(server, credentials.get("port"));
  }

  @Override
  public Credentials newServerSettings(SecureRandom random, ServerDefaults defaults) {
    return ShadowsocksSettings.create(defaults);
  }

  @Override
  public ServerConfig serverConfig(ServerSpec server, List<UserSpec> users) {
    String core = ShadowsocksSettings.core(server.settings());
    List<Map<String, Object>> list = new ArrayList<>(users.size());
    if (core.equals(ShadowsocksSettings.XRAY)) {
      for (UserSpec u : users) {
        list.add(Map.of("email", u.username(), "password", u.require("password")));
      }
      Map<String, Object> v = ShadowsocksSettings.variables(server);
      v.put("users", list);
      v.put("port", server.port());
      v.put("inboundTag", XRAY_INBOUND_TAG);
      v.putAll(LanWall.variables(server));
      return new ServerConfig(core, "config.json", Templates.render("xray/shadowsocks-server.json.peb", v));
    }
    for (UserSpec u : users) {
      list.add(Map.of("tag", inboundTag(u.username()), "email", u.username(),
          "port", Integer.parseInt(u.require("port")), "password", u.require("password")));
    }
    Map<String, Object> v = ShadowsocksSettings.variables(server);
    v.put("users", list);
    v.putAll(LanWall.variables(server));
    String template = core.equals("v2ray") ? "v2ray/shadowsocks-server.json.peb" : "shadowsocks-libev/manager.json.peb";
    return new ServerConfig(core, "config.json", Templates.render(template, v));
  }

  /**
   * ss-libev's ACL file: the {@link LanWall} ranges less the allowed ones, as an {@code [outbound_block_list]}
   * (ss-server has no allow rule). It covers TCP only: ss-libev's UDP relay ignores it.
   */
  public String acl(ServerSpec server) {
    return Templates.render("shadowsocks-libev/server.acl.peb",
        Map.of("blocked", LanWall.blockedMinus(LanWall.allowed(server))));
  }

  @Override
  public ClientConfig clientConfig(ServerSpec server, UserSpec user) {
    Map<String, Object> v = ShadowsocksSettings.variables(server);
    v.put("host", server.host());
    v.put("port", ShadowsocksSettings.clientPort(server, user::require));
    v.put("password", user.require("password"));
    v.put("localPort", 1080);
    String json = Templates.render("shadowsocks-libev/client.json.peb", v);
    return new ClientConfig(Sip002.link(server, user), user.username() + ".json", json);
  }
}
