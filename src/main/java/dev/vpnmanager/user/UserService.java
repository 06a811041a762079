package dev.vpnmanager.user;

import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.audit.AuditLog;
import dev.vpnmanager.common.ConflictException;
import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.common.Names;
import dev.vpnmanager.common.Sizes;
import dev.vpnmanager.domain.ChatBinding;
import dev.vpnmanager.domain.InviteToken;
import dev.vpnmanager.domain.ResetPolicy;
import dev.vpnmanager.domain.UserStatus;
import dev.vpnmanager.domain.VpnServer;
import dev.vpnmanager.domain.VpnUser;
import dev.vpnmanager.event.EventBus;
import dev.vpnmanager.protocol.CredentialRequest;
import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.protocol.ProtocolDriver;
import dev.vpnmanager.protocol.Protocols;
import dev.vpnmanager.server.ServerDefinitions;
import dev.vpnmanager.storage.Tx;
import io.ebean.Transaction;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The one owner of users: every change, whatever channel it came from, goes through here, is written in one
 * transaction together with its audit entry, and is announced on the event bus after it committed.
 */
@Singleton
public final class UserService {
  private final Tx tx;
  private final UserQueries queries;
  private final Protocols protocols;
  private final ServerDefinitions servers;
  private final AuditLog audit;
  private final EventBus events;
  private final SecureRandom random;
  private final Clock clock;

  @Inject
  public UserService(Tx tx, UserQueries queries, Protocols protocols, ServerDefinitions servers, AuditLog audit,
                     EventBus events, SecureRandom random, Clock clock) {
    this.tx = tx;
    this.queries = queries;
    this.protocols = protocols;
    this.servers = servers;
    this.audit = audit;
    this.events = events;
    this.random = random;
    this.clock = clock;
  }

  public UserRecord add(Actor actor, NewUser spec) {
    Names.requireValid("user", spec.username());
    ProtocolDriver driver = protocols.require(spec.protocol());
    if (spec.serverName() != null) {
      Names.requireValid("server", spec.serverName());
    }
    String email = UserFields.email(spec.email());
    String note = UserFields.note(spec.note());
    long limit = UserFields.limit(spec.limitBytes());
    if (spec.expiresAt() != null && !spec.expiresAt().isAfter(clock.instant())) {
      throw new InvalidInputException("expiry " + spec.expiresAt() + " is in the past");
    }
    // the user's keys before the transaction, the address or port inside it (ProtocolDriver#newSecrets)
    Credentials secrets = driver.newSecrets(random, spec.username());
    UserRecord created = tx.write(txn -> {
      if (queries.exists(txn, spec.username())) {
        throw new ConflictException("user '" + spec.username() + "' already exists");
      }
      VpnServer server = servers.resolveForUser(txn, actor, driver.id(), spec.serverName());
      VpnUser u = new VpnUser();
      u.setUsername(spec.username());
      u.setProtocol(driver.id());
      u.setServer(server);
      u.setCredentials(driver.completeCredentials(request(txn, spec.username(), server), secrets).toJson());
      u.setLimitBytes(limit);
      u.setExpiresAt(spec.expiresAt());
      u.setEmail(email);
      u.setNote(note);
      ResetPolicy reset = spec.reset() == null ? ResetPolicy.NEVER : spec.reset();
      u.setResetStrategy(reset.strategy());
      u.setResetDay(reset.day());
      u.setNextResetAt(reset.nextAfter(clock.instant()));
      u.setCreatedAt(clock.instant());
      UserIds.assign(tx.db(), txn, u);
      tx.db().insert(u, txn);
      audit.record(txn, actor, "user.add", u.getUsername(), driver.id() + " on " + server.getName()
          + (limit > 0 ? ", limit " + Sizes.format(limit) : "")
          + (spec.expiresAt() != null ? ", expires " + spec.expiresAt() : "")
          + (reset.isNever() ? "" : ", resets " + reset));
      return UserRecord.of(u, true);
    });
    events.publish(new UserEvent(UserEvent.Kind.CREATED, created));
    return created;
  }

  public UserRecord show(String username) {
    return UserRecord.of(queries.require(username), false);
  }

  public Optional<UserRecord> find(String username) {
    return queries.find(username).map(u -> UserRecord.of(u, false));
  }

  /** The user with credentials, for rendering their config. */
  public UserRecord withCredentials(String username) {
    return UserRecord.of(queries.require(username), true);
  }

  public UserRecord suspend(Actor actor, String username, String reason) {
    String why = reason == null || reason.isBlank() ? "suspended by an admin" : UserFields.note(reason);
    return change(actor, username, UserEvent.Kind.SUSPENDED, (txn, u) -> {
      if (u.getStatus() == UserStatus.SUSPENDED) {
        throw new ConflictException("user '" + username + "' is already suspended");
      }
      u.setStatus(UserStatus.SUSPENDED);
      u.setStatusReason(why);
      return why;
    });
  }

  public UserRecord resume(Actor actor, String username) {
    return change(actor, username, UserEvent.Kind.RESUMED, (txn, u) -> {
      if (u.getStatus() != UserStatus.SUSPENDED) {
        throw new ConflictException("user '" + username + "' is not suspended (status " + u.getStatus().code() + ")");
      }
      settleStatus(u);
      return "status " + u.getStatus().code();
    });
  }

  /** Adds days (from the later of now and the current expiry) and/or traffic; never overwrites. */
  public UserRecord renew(Actor actor, String username, int days, long addBytes) {
    if (days < 0 || days > 36_500) {
      throw new InvalidInputException("days must be between 0 and 36500, not " + days);
    }
    if (addBytes < 0) {
      throw new InvalidInputException("added traffic cannot be negative");
    }
    if (days == 0 && addBytes == 0) {
      throw new InvalidInputException("renew needs --days and/or --add-traffic");
    }
    return change(actor, username, UserEvent.Kind.RENEWED, (txn, u) -> {
      boolean noDays = days == 0 || u.getExpiresAt() == null;
      boolean noTraffic = addBytes == 0 || u.getLimitBytes() == 0;
      if (noDays && noTraffic) {
        throw new ConflictException("nothing to renew: user '" + username + "'"
            + (days > 0 ? " never expires" : "") + (days > 0 && addBytes > 0 ? " and" : "")
            + (addBytes > 0 ? " has no traffic limit" : "")
            + " (set " + (days > 0 ? "an expiry" : "a limit") + " with users edit or /edit first)");
      }
      Instant now = clock.instant();
      if (days > 0 && u.getExpiresAt() != null) {
        Instant base = u.getExpiresAt().isAfter(now) ? u.getExpiresAt() : now;
        u.setExpiresAt(base.plus(Duration.ofDays(days)));
      }
      if (addBytes > 0 && u.getLimitBytes() > 0) {
        u.setLimitBytes(Math.addExact(u.getLimitBytes(), addBytes));
      }
      if (u.getStatus() != UserStatus.SUSPENDED) {
        settleStatus(u);
      }
      return (days > 0 ? "+" + days + " days" : "") + (addBytes > 0 ? " +" + Sizes.format(addBytes) : "");
    });
  }

  /**
   * Changes the given fields (see {@link UserEdit}); everything is checked before anything is written. A new
   * limit or expiry puts the user in the status it calls for (a limited user given more traffic is active
   * again). Moving to another server of the same protocol gives new credentials there: the old config stops.
   */
  public UserRecord edit(Actor actor, String username, UserEdit edit) {
    if (edit.isEmpty()) {
      throw new InvalidInputException("nothing to change: give --limit, --expires, --note, --email, --server "
          + "or --reset-strategy");
    }
    Long limit = edit.limitBytes() == null ? null : UserFields.limit(edit.limitBytes());
    if (edit.expiresSet() && edit.expiresAt() != null && !edit.expiresAt().isAfter(clock.instant())) {
      throw new InvalidInputException("expiry " + edit.expiresAt() + " is in the past");
    }
    String note = edit.note() == null ? null : UserFields.note(edit.note());
    String email = edit.email() == null ? null : UserFields.email(edit.email());
    if (edit.server() != null) {
      Names.requireValid("server", edit.server());
    }
    UserRecord[] before = new UserRecord[1];
    boolean[] moved = new boolean[1];
    UserStatus[] was = new UserStatus[1];
    UserRecord after = tx.write(txn -> {
      VpnUser u = queries.require(txn, username);
      before[0] = UserRecord.of(u, true);
      was[0] = u.getStatus();
      java.util.List<String> changed = new java.util.ArrayList<>();
      if (edit.server() != null && (u.getServer() == null || !u.getServer().getName().equals(edit.server()))) {
        VpnServer target = servers.resolveForUser(txn, actor, u.getProtocol(), edit.server());
        ProtocolDriver driver = protocols.require(u.getProtocol());
        u.setServer(target);
        u.setCredentials(driver.newCredentials(request(txn, u.getUsername(), target)).toJson());
        moved[0] = true;
        changed.add("server " + target.getName());
      }
      if (limit != null) {
        u.setLimitBytes(limit);
        changed.add("limit " + (limit == 0 ? "unlimited" : Sizes.format(limit)));
      }
      if (edit.expiresSet()) {
        u.setExpiresAt(edit.expiresAt());
        changed.add("expires " + (edit.expiresAt() == null ? "never" : edit.expiresAt()));
      }
      if (edit.note() != null) {
        u.setNote(note);
        changed.add("note");
      }
      if (edit.email() != null) {
        u.setEmail(email);
        changed.add("email " + (email == null ? "cleared" : email));
      }
      if (edit.reset() != null) {
        u.setResetStrategy(edit.reset().strategy());
        u.setResetDay(edit.reset().day());
        u.setNextResetAt(edit.reset().nextAfter(clock.instant()));
        changed.add("reset " + edit.reset());
      }
      if (u.getStatus() != UserStatus.SUSPENDED) {
        settleStatus(u);
      }
      tx.db().update(u, txn);
      audit.record(txn, actor, "user.edit", username, String.join(", ", changed));
      return UserRecord.of(u, true);
    });
    if (moved[0]) {
      events.publish(new UserEvent(UserEvent.Kind.DELETED, before[0]));
      events.publish(new UserEvent(UserEvent.Kind.CREATED, after));
    } else {
      events.publish(new UserEvent(UserEvent.Kind.EDITED, after));
    }
    boolean wasCut = was[0] == UserStatus.LIMITED || was[0] == UserStatus.EXPIRED;
    if (wasCut && UserStatus.ACTIVE.code().equals(after.status())) {
      events.publish(new UserEvent(UserEvent.Kind.ACTIVE, after));
    }
    return after.withoutCredentials();
  }

  public UserRecord resetTraffic(Actor actor, String username) {
    return change(actor, username, UserEvent.Kind.TRAFFIC_RESET, (txn, u) -> {
      long before = u.getUsedBytes();
      UsageLedger.set(txn, u, 0);
      if (u.getStatus() != UserStatus.SUSPENDED) {
        settleStatus(u);
      }
      return "was " + Sizes.format(before);
    });
  }

  /** New credentials: the old config stops working once live sync applies the event. */
  public UserRecord rotate(Actor actor, String username) {
    return change(actor, username, UserEvent.Kind.ROTATED, (txn, u) -> {
      ProtocolDriver driver = protocols.require(u.getProtocol());
      Credentials old = Credentials.fromJson(u.getCredentials());
      Credentials fresh = driver.rotateCredentials(request(txn, u.getUsername(), u.getServer()), old);
      u.setCredentials(fresh.toJson());
      return "new credentials";
    });
  }

  public UserRecord delete(Actor actor, String username) {
    UserRecord before = tx.write(txn -> {
      VpnUser u = queries.require(txn, username);
      UserRecord snapshot = UserRecord.of(u, true);
      tx.db().find(ChatBinding.class).usingTransaction(txn).where().eq("user", u).delete();
      tx.db().find(InviteToken.class).usingTransaction(txn).where().eq("user", u).delete();
      tx.db().delete(u, txn);
      audit.record(txn, actor, "user.delete", username, u.getProtocol());
      return snapshot;
    });
    events.publish(new UserEvent(UserEvent.Kind.DELETED, before));
    return before;
  }

  /**
   * Enforcement: puts a non-suspended user in the status their expiry and traffic call for and, when that
   * changed, records it and publishes a {@code limited}, {@code expired} or {@code active} event.
   */
  public Optional<UserRecord> enforce(Actor actor, String username) {
    UserRecord after = tx.write(txn -> {
      VpnUser u = queries.require(txn, username);
      UserStatus was = u.getStatus();
      if (was == UserStatus.SUSPENDED) {
        return null;
      }
      settleStatus(u);
      if (u.getStatus() == was) {
        return null;
      }
      tx.db().update(u, txn);
      audit.record(txn, actor, "user." + u.getStatus().code(), username,
          u.getStatusReason() == null ? "was " + was.code() : u.getStatusReason());
      return UserRecord.of(u, true);
    });
    if (after == null) {
      return Optional.empty();
    }
    events.publish(new UserEvent(UserEvent.Kind.of(UserStatus.parse(after.status())), after));
    return Optional.of(after.withoutCredentials());
  }

  /** Sets the quota reset policy: strategy none, daily, weekly or monthly, its day and the next reset. */
  public UserRecord setResetPolicy(Actor actor, String username, ResetPolicy policy, Instant next) {
    return change(actor, username, UserEvent.Kind.RESET_POLICY, (txn, u) -> {
      u.setResetStrategy(policy.strategy());
      u.setResetDay(policy.day());
      u.setNextResetAt(next);
      return policy.toString();
    });
  }

  /** The periodic quota reset: used bytes back to 0 and the next reset moved on; limited users come back. */
  public UserRecord periodicReset(Actor actor, String username, Instant next) {
    return change(actor, username, UserEvent.Kind.TRAFFIC_RESET, (txn, u) -> {
      long before = u.getUsedBytes();
      UsageLedger.set(txn, u, 0);
      u.setNextResetAt(next);
      if (u.getStatus() != UserStatus.SUSPENDED) {
        settleStatus(u);
      }
      return "periodic (" + u.getResetStrategy().word() + "), was " + Sizes.format(before);
    });
  }

  /** Puts a non-suspended user in the status their expiry and traffic call for. */
  void settleStatus(VpnUser u) {
    Instant now = clock.instant();
    if (u.getExpiresAt() != null && !u.getExpiresAt().isAfter(now)) {
      u.setStatus(UserStatus.EXPIRED);
      u.setStatusReason("expired on " + u.getExpiresAt());
    } else if (u.getLimitBytes() > 0 && u.getUsedBytes() >= u.getLimitBytes()) {
      u.setStatus(UserStatus.LIMITED);
      u.setStatusReason("traffic limit of " + Sizes.format(u.getLimitBytes()) + " reached");
    } else {
      u.setStatus(UserStatus.ACTIVE);
      u.setStatusReason(null);
    }
  }

  private UserRecord change(Actor actor, String username, UserEvent.Kind kind, Change fn) {
    UserStatus[] was = new UserStatus[1];
    UserRecord after = tx.write(txn -> {
      VpnUser u = queries.require(txn, username);
      was[0] = u.getStatus();
      String detail = fn.apply(txn, u);
      tx.db().update(u, txn);
      audit.record(txn, actor, "user." + kind.code(), username, detail);
      return UserRecord.of(u, true);
    });
    events.publish(new UserEvent(kind, after));
    boolean wasCut = was[0] == UserStatus.LIMITED || was[0] == UserStatus.EXPIRED;
    if (wasCut && UserStatus.ACTIVE.code().equals(after.status())) {
      events.publish(new UserEvent(UserEvent.Kind.ACTIVE, after));
    }
    return after.withoutCredentials();
  }

  private CredentialRequest request(Transaction txn, String username, VpnServer server) {
    Credentials serverSettings = Credentials.fromJson(server == null ? "{}" : server.getSettings());
    return new CredentialRequest(random, username, serverSettings,
        () -> new dev.vpnmanager.protocol.Slots(queries.usedAddresses(txn, server)));
  }

  @FunctionalInterface
  private interface Change {
    String apply(Transaction txn, VpnUser user);
  }
}
