package dev.vpnmanager.plan;

import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.audit.AuditLog;
import dev.vpnmanager.common.ConflictException;
import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.common.Names;
import dev.vpnmanager.common.NotFoundException;
import dev.vpnmanager.common.Sizes;
import dev.vpnmanager.domain.Plan;
import dev.vpnmanager.domain.ResetPolicy;
import dev.vpnmanager.protocol.Protocols;
import dev.vpnmanager.storage.Tx;
import dev.vpnmanager.user.NewUser;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Plans: named offers (protocol, limit, days, reset) that users are created from. A plan's name may not be a
 * protocol's, so "/adduser NAME WORD" can take either. Users keep what they got when a plan changes or goes.
 */
@Singleton
public final class Plans {
  private final Tx tx;
  private final Protocols protocols;
  private final AuditLog audit;
  private final Clock clock;

  @Inject
  public Plans(Tx tx, Protocols protocols, AuditLog audit, Clock clock) {
    this.tx = tx;
    this.protocols = protocols;
    this.audit = audit;
    this.clock = clock;
  }

  public PlanRecord add(Actor actor, String name, String protocol, long limitBytes, int days, ResetPolicy reset) {
    Names.requireValid("plan", name);
    if (protocols.ids().contains(name.toLowerCase(java.util.Locale.ROOT))) {
      throw new InvalidInputException("a plan cannot be named like the protocol '" + name + "'");
    }
    String proto = protocols.require(protocol).id();
    if (limitBytes < 0) {
      throw new InvalidInputException("traffic limit cannot be negative");
    }
    if (days < 0 || days > 36_500) {
      throw new InvalidInputException("days must be between 0 (never expires) and 36500, not " + days);
    }
    ResetPolicy r = reset == null ? ResetPolicy.NEVER : reset;
    return tx.write(txn -> {
      if (tx.db().find(Plan.class).usingTransaction(txn).where().eq("name", name).exists()) {
        throw new ConflictException("plan '" + name + "' already exists");
      }
      Plan p = new Plan();
      p.setName(name);
      p.setProtocol(proto);
      p.setLimitBytes(limitBytes);
      p.setDays(days);
      p.setResetStrategy(r.strategy());
      p.setResetDay(r.day());
      p.setCreatedAt(clock.instant());
      tx.db().insert(p, txn);
      audit.record(txn, actor, "plan.add", name, proto + ", limit "
          + (limitBytes == 0 ? "unlimited" : Sizes.format(limitBytes)) + ", " + days + " days, reset " + r);
      return PlanRecord.of(p);
    });
  }

  public List<PlanRecord> list() {
    return tx.db().find(Plan.class).orderBy("name").findList().stream().map(PlanRecord::of).toList();
  }

  public Optional<PlanRecord> find(String name) {
    return tx.db().find(Plan.class).where().eq("name", name).findOneOrEmpty().map(PlanRecord::of);
  }

  public Optional<PlanRecord> byId(long id) {
    return Optional.ofNullable(tx.db().find(Plan.class, id)).map(PlanRecord::of);
  }

  public PlanRecord require(String name) {
    return find(name).orElseThrow(() -> new NotFoundException("no plan named '" + Names.printable(name) + "'"));
  }

  public void remove(Actor actor, String name) {
    tx.run(txn -> {
      int n = tx.db().find(Plan.class).usingTransaction(txn).where().eq("name", name).delete();
      if (n == 0) {
        throw new NotFoundException("no plan named '" + Names.printable(name) + "'");
      }
      audit.record(txn, actor, "plan.remove", name, null);
    });
  }

  /** A new user of this plan: its protocol, limit, expiry (days from now) and reset; email and note as given. */
  public NewUser newUser(PlanRecord p, String username, String server, String email, String note) {
    return new NewUser(username, p.protocol(), server, p.limitBytes(),
        p.days() == 0 ? null : clock.instant().plus(Duration.ofDays(p.days())), email, note, p.resetPolicy());
  }
}
