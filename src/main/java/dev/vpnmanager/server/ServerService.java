package dev.vpnmanager.server;

import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.audit.AuditLog;
import dev.vpnmanager.domain.VpnServer;
import dev.vpnmanager.domain.VpnUser;
import dev.vpnmanager.event.EventBus;
import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.protocol.ProtocolDriver;
import dev.vpnmanager.protocol.Protocols;
import dev.vpnmanager.protocol.ServerConfig;
import dev.vpnmanager.protocol.UserSpec;
import dev.vpnmanager.storage.Tx;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Server definitions as the admin sees them: the list, server key rotation, and the server's config rendered
 * from the database (its active users only). Deploying a definition is the container runtime's job.
 */
@Singleton
public final class ServerService {
  private final Tx tx;
  private final ServerDefinitions definitions;
  private final Protocols protocols;
  private final AuditLog audit;
  private final EventBus events;
  private final SecureRandom random;

  @Inject
  public ServerService(Tx tx, ServerDefinitions definitions, Protocols protocols, AuditLog audit, EventBus events,
                       SecureRandom random) {
    this.tx = tx;
    this.definitions = definitions;
    this.protocols = protocols;
    this.audit = audit;
    this.events = events;
    this.random = random;
  }

  public List<ServerRow> list() {
    Map<Long, Long> counts = tx.db().find(VpnUser.class).select("server").findList().stream()
        .filter(u -> u.getServer() != null)
        .collect(Collectors.groupingBy(u -> u.getServer().getId(), Collectors.counting()));
    return definitions.list().stream().map(s -> new ServerRow(s.getName(), s.getProtocol(),
        Credentials.fromJson(s.getSettings()).values().getOrDefault("core", s.getProtocol()), s.getHost(),
        s.getPort(), s.isDeployed(), counts.getOrDefault(s.getId(), 0L).intValue())).toList();
  }

  /** New server keys (Reality, WireGuard): every client config of the server changes; users keep theirs. */
  public ServerRow rotateKeys(Actor actor, String name) {
    return rotateKeys(actor, name, () -> { });
  }

  /**
   * The same, with {@code apply} run after the new keys are committed and before the change is announced (the
   * container side restarts a running server there), so users are told once the server has the new keys.
   */
  public ServerRow rotateKeys(Actor actor, String name, Runnable apply) {
    String protocol = tx.write(txn -> {
      VpnServer s = tx.db().find(VpnServer.class).usingTransaction(txn).where().eq("name", name).findOne();
      if (s == null) {
        definitions.require(name);
      }
      ProtocolDriver driver = protocols.require(s.getProtocol());
      Credentials fresh = driver.rotateServerKeys(random, Credentials.fromJson(s.getSettings()));
      s.setSettings(fresh.toJson());
      tx.db().update(s, txn);
      audit.record(txn, actor, "server.rotate-keys", name, s.getProtocol());
      return s.getProtocol();
    });
    try {
      apply.run();
    } finally {
      // the keys are new in the database either way: the users' configs changed, so they are told
      events.publish(new ServerEvent(ServerEvent.Kind.KEYS_ROTATED, name, protocol));
    }
    return list().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
  }

  /** Refuses (InvalidInputException) a server that has no keys to rotate, changing nothing: the check before a confirm. */
  public void checkRotatable(String name) {
    VpnServer s = definitions.require(name);
    protocols.require(s.getProtocol()).rotateServerKeys(random, Credentials.fromJson(s.getSettings()));
  }

  /** The server's config file as its core would load it now: the definition plus its active users. */
  public ServerConfig render(String name) {
    VpnServer s = definitions.require(name);
    List<UserSpec> users = ServerUsers.active(tx.db(), s.getName());
    return protocols.require(s.getProtocol()).serverConfig(ServerSpecs.of(s), users);
  }
}
