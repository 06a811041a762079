package dev.vpnmanager.user;

import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.audit.AuditLog;
import dev.vpnmanager.common.ConflictException;
import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.common.Names;
import dev.vpnmanager.domain.ResetPolicy;
import dev.vpnmanager.domain.UserStatus;
import dev.vpnmanager.domain.VpnServer;
import dev.vpnmanager.domain.VpnUser;
import dev.vpnmanager.event.EventBus;
import dev.vpnmanager.protocol.CredentialRequest;
import dev.vpnmanager.protocol.Slots;
import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.protocol.ProtocolDriver;
import dev.vpnmanager.protocol.Protocols;
import dev.vpnmanager.server.ServerDefinitions;
import dev.vpnmanager.server.ServerSpecs;
import dev.vpnmanager.storage.Tx;
import io.ebean.Transaction;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Import of many users at once, all or nothing: every row is checked before anything is written, and the
 * whole file is written in one transaction. Rows carry credentials when they came from an export, so an
 * export imported into an empty database gives the same users with the same configs.
 */
@Singleton
public final class UserTransfer {
  /** What an import did or would do. */
  public record ImportReport(int created, List<String> names, boolean dryRun) {}

  private final Tx tx;
  private final Protocols protocols;
  private final ServerDefinitions servers;
  private final AuditLog audit;
  private final EventBus events;
  private final SecureRandom random;
  private final Clock clock;

  @Inject
  public UserTransfer(Tx tx, Protocols protocols, ServerDefinitions servers, AuditLog audit, EventBus events,
                      SecureRandom random, Clock clock) {
    this.tx = tx;
    this.protocols = protocols;
    this.servers = servers;
    this.audit = audit;
    this.events = events;
    this.random = random;
    this.clock = clock;
  }

  public ImportReport importUsers(Actor actor, List<UserRecord> rows, boolean dryRun) {
    validate(rows);
    List<String> names = rows.stream().map(UserRecord::username).toList();
    if (dryRun) {
      return tx.write(txn -> {
        refuseExisting(txn, names);
        return new ImportReport(rows.size(), names, true);
      });
    }
    // Secrets first, outside the transaction: the database's write lock is not held while 50,000 WireGuard key
    // pairs are made (5 s on one core). The check for existing users runs here too, so a refused import does not
    // spend that time; it runs again inside, where it counts.
    refuseExisting(null, names);
    List<Credentials> secrets = secretsAhead(rows);
    List<UserRecord> created = new ArrayList<>(rows.size());
    ImportReport report = tx.write(txn -> {
      refuseExisting(txn, names);
      Map<String, VpnServer> serverCache = new HashMap<>();
      Map<Long, Slots> addressCache = new HashMap<>();
      List<VpnUser> batch = new ArrayList<>(rows.size());
      int row = 0;
      for (UserRecord r : rows) {
        row++;
        ProtocolDriver driver = protocols.require(r.protocol());
        VpnServer server = serverCache.computeIfAbsent(r.protocol() + "/" + r.server(),
            k -> servers.resolveOrDefine(txn, actor, driver.id(), r.server()));
        VpnUser u = new VpnUser();
        u.setUsername(r.username());
        u.setProtocol(driver.id());
        u.setServer(server);
        Slots used = addressCache.computeIfAbsent(server.getId(),
            id -> new Slots(new UserQueries(tx.db()).usedAddresses(txn, server)));
        boolean given = given(r);
        // only what depends on the server and its users (an address, a port) is made here, in the transaction
        Credentials creds = given
            ? new Credentials(r.credentials())
            : driver.completeCredentials(new CredentialRequest(random, r.username(),
                Credentials.fromJson(server.getSettings()), () -> used), secrets.get(row - 1));
        if (given) {
          // into a server's config only what its driver accepts (an address list in wg0.conf captures traffic)
          try {
            driver.checkImported(ServerSpecs.of(server), r.username(), creds);
          } catch (InvalidInputException e) {
            throw new InvalidInputException("import refused, row " + row + ": " + e.getMessage()
                + "; nothing imported");
          }
        }
        for (String slot : new String[] {"address", "port"}) {
          if (creds.get(slot) != null && !used.add(creds.get(slot))) {
            throw new InvalidInputException("import refused, row " + row + ": " + slot + " " + creds.get(slot)
                + " of user '" + r.username() + "' is used twice; nothing imported");
          }
        }
        u.setCredentials(creds.toJson());
        u.setStatus(r.status() == null ? UserStatus.ACTIVE : UserStatus.parse(r.status()));
        u.setStatusReason(r.statusReason());
        u.setLimitBytes(r.limitBytes());
        u.setUsedBytes(r.usedBytes());
        u.setExpiresAt(r.expiresAt());
        u.setEmail(r.email());
        u.setNote(r.note());
        ResetPolicy reset = r.resetPolicy();
        u.setResetStrategy(reset.strategy());
        u.setResetDay(reset.day());
        u.setNextResetAt(reset.nextAfter(clock.instant()));
        u.setCreatedAt(r.createdAt() != null ? r.createdAt() : clock.instant());
        batch.add(u);
      }
      UserIds.assign(tx.db(), txn, batch);
      txn.setBatchMode(true);
      txn.setBatchSize(500);
      txn.setGetGeneratedKeys(false);
      tx.db().insertAll(batch, txn);
      batch.forEach(u -> created.add(UserRecord.of(u, true)));
      UsageLedger.setAll(txn, batch);
      audit.record(txn, actor, "user.import", null, rows.size() + " users");
      return new ImportReport(rows.size(), names, false);
    });
    if (!dryRun) {
      // the users as stored (status, server and credentials filled in), as one batch: live sync groups it per
      // server (one inbound replacement for HTTP/SOCKS, one burst of AlterInbound for VLESS)
      events.publishAll(created.stream().map(u -> new UserEvent(UserEvent.Kind.CREATED, u)).toList());
    }
    return report;
  }

  private static boolean given(UserRecord r) {
    return r.credentials() != null && !r.credentials().isEmpty();
  }

  /**
   * Per row, the secrets its driver makes without the database ({@link ProtocolDriver#newSecrets}), across the
   * cores when there are many; null for rows that bring their credentials.
   */
  private List<Credentials> secretsAhead(List<UserRecord> rows) {
    List<SecretsAhead.Want> wants = new ArrayList<>();
    for (UserRecord r : rows) {
      if (!given(r)) {
        wants.add(new SecretsAhead.Want(protocols.require(r.protocol()), r.username()));
      }
    }
    List<Credentials> made = SecretsAhead.make(wants, random, Runtime.getRuntime().availableProcessors());
    List<Credentials> perRow = new ArrayList<>(rows.size());
    int next = 0;
    for (UserRecord r : rows) {
      perRow.add(given(r) ? null : made.get(next++));
    }
    return perRow;
  }

  /** Refuses the import if any of its users exists; {@code txn} null reads outside any transaction. */
  private void refuseExisting(Transaction txn, List<String> names) {
    var query = tx.db().find(VpnUser.class);
    if (txn != null) {
      query.usingTransaction(txn);
    }
    Set<String> existing = new HashSet<>(query.where().in("username", names).select("username")
        .findSingleAttributeList());
    if (!existing.isEmpty()) {
      throw new ConflictException("import refused: " + existing.size() + " user(s) already exist, first '"
          + existing.iterator().next() + "'; nothing imported");
    }
  }

  private void validate(List<UserRecord> rows) {
    if (rows.isEmpty()) {
      throw new InvalidInputException("import file has no users");
    }
    Set<String> seen = new HashSet<>();
    int line = 0;
    for (UserRecord r : rows) {
      line++;
      String where = "row " + line + ": ";
      try {
        Names.requireValid("user", r.username());
        protocols.require(r.protocol());
        if (r.server() != null) {
          Names.requireValid("server", r.server());
        }
        if (r.status() != null) {
          UserStatus.parse(r.status());
        }
        UserFields.limit(r.limitBytes());
        if (r.usedBytes() < 0) {
          throw new InvalidInputException("used traffic cannot be negative");
        }
        UserFields.email(r.email());
        UserFields.note(r.note());
        r.resetPolicy();
      } catch (InvalidInputException e) {
        throw new InvalidInputException("import refused, " + where + e.getMessage() + "; nothing imported");
      }
      if (!seen.add(r.username())) {
        throw new InvalidInputException("import refused, " + where + "duplicate user '" + r.username()
            + "'; nothing imported");
      }
    }
  }
}
