package dev.vpnmanager.server;

import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.audit.AuditLog;
import dev.vpnmanager.common.ConflictException;
import dev.vpnmanager.common.Names;
import dev.vpnmanager.common.NotFoundException;
import dev.vpnmanager.config.ConfigKeys;
import dev.vpnmanager.config.Settings;
import dev.vpnmanager.domain.VpnServer;
import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.protocol.LanWall;
import dev.vpnmanager.protocol.Ports;
import dev.vpnmanager.protocol.ProtocolDriver;
import dev.vpnmanager.protocol.Protocols;
import dev.vpnmanager.protocol.ServerDefaults;
import io.ebean.Database;
import io.ebean.Transaction;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Server definitions (host, port, keys) in the database. A definition exists before its container: adding a
 * user for a protocol with no server defines one with the protocol's defaults and starts nothing.
 */
@Singleton
public final class ServerDefinitions {
  private final Database db;
  private final Protocols protocols;
  private final SecureRandom random;
  private final PublicHost publicHost;
  private final Settings settings;
  private final AuditLog audit;

  @Inject
  public ServerDefinitions(Database db, Protocols protocols, SecureRandom random, PublicHost publicHost,
                           Settings settings, AuditLog audit) {
    this.db = db;
    this.protocols = protocols;
    this.random = random;
    this.publicHost = publicHost;
    this.settings = settings;
    this.audit = audit;
  }

  public List<VpnServer> list() {
    return db.find(VpnServer.class).orderBy("name").findList();
  }

  public Optional<VpnServer> find(String name) {
    return db.find(VpnServer.class).where().eq("name", name).findOneOrEmpty();
  }

  public VpnServer require(String name) {
    return find(name).orElseThrow(() -> new NotFoundException("no server named '" + Names.printable(name) + "'"));
  }

  /** The named server, or the first server of the protocol, or a new default definition (in txn). */
  public VpnServer resolveForUser(Transaction txn, Actor actor, String protocol, String serverName) {
    if (serverName != null) {
      VpnServer s = db.find(VpnServer.class).usingTransaction(txn).where().eq("name", serverName).findOne();
      if (s == null) {
        throw new NotFoundException("no server named '" + Names.printable(serverName) + "'");
      }
      if (!s.getProtocol().equals(protocol)) {
        throw new InvalidInputException("server '" + serverName + "' runs "
            + s.getProtocol() + ", not " + protocol);
      }
      return s;
    }
    VpnServer existing = db.find(VpnServer.class).usingTransaction(txn)
        .where().eq("protocol", protocol).orderBy("id").setMaxRows(1).findOne();
    return existing != null ? existing : define(txn, actor, protocol, protocol + "-1", null);
  }

  /** For import: the named server, defined with defaults if it does not exist yet; else as for a new user. */
  public VpnServer resolveOrDefine(Transaction txn, Actor actor, String protocol, String serverName) {
    if (serverName != null && db.find(VpnServer.class).usingTransaction(txn)
        .where().eq("name", serverName).findCount() == 0) {
      return define(txn, actor, protocol, serverName, null);
    }
    return resolveForUser(txn, actor, protocol, serverName);
  }

  /**
   * Refuses a new definition's bad input (name, port, options such as SNI, dest, core, method) before anything
   * happens: no key is generated, no host probed, nothing written. {@link #define} checks the same again.
   */
  public void checkNew(String protocol, String name, Integer port, Map<String, String> options) {
    ProtocolDriver driver = protocols.require(protocol);
    if (name != null) {
      Names.requireValid("server", name);
    }
    int p = Ports.require(port == null ? driver.defaultPort() : port);
    driver.checkServerOptions(new ServerDefaults(settings.get(ConfigKeys.WIREGUARD_SUBNET), p,
        ServerOptions.of(settings, protocol, options)));
  }

  /** The value a new server's option would take: explicit, else the {@code PROTOCOL.*} key; null when unset. */
  public String option(String protocol, String key, Map<String, String> explicit) {
    return ServerOptions.of(settings, protocol, explicit).get(key);
  }

  /** Defines (does not deploy) a server with fresh keys and the protocol's default port unless given. */
  public VpnServer define(Transaction txn, Actor actor, String protocol, String name, Integer port) {
    return define(txn, actor, protocol, name, port, Map.of());
  }

  /**
   * Defines (does not deploy) a server: the protocol's default port unless given, fresh keys, and settings from
   * the configuration ({@code PROTOCOL.*} keys) overridden by {@code options} (e.g. sni, method, core), and the
   * ranges its users may reach on purpose ({@code allowLan} option, else the {@code allow-lan} key). Bad
   * input (port outside 1-65535, invalid SNI, unknown method) is refused before anything is written.
   */
  public VpnServer define(Transaction txn, Actor actor, String protocol, String name, Integer port,
                          Map<String, String> options) {
    ProtocolDriver driver = protocols.require(protocol);
    Names.requireValid("server", name);
    int p = Ports.require(port == null ? driver.defaultPort() : port);
    if (db.find(VpnServer.class).usingTransaction(txn).where().eq("name", name).exists()) {
      throw new ConflictException("server '" + name + "' already exists");
    }
    String allowLan = LanWall.canonical(options.getOrDefault(LanWall.SETTING, settings.get(ConfigKeys.ALLOW_LAN)));
    Credentials serverSettings = driver.newServerSettings(random, new ServerDefaults(
        settings.get(ConfigKeys.WIREGUARD_SUBNET), p, ServerOptions.of(settings, protocol, options)));
    if (!allowLan.isEmpty()) {
      serverSettings = serverSettings.with(LanWall.SETTING, allowLan);
    }
    VpnServer s = new VpnServer();
    s.setName(name);
    s.setProtocol(protocol);
    s.setHost(publicHost.get());
    s.setPort(p);
    s.setSettings(serverSettings.toJson());
    db.insert(s, txn);
    audit.record(txn, actor, "server.define", name, protocol + " port " + s.getPort());
    return s;
  }
}
