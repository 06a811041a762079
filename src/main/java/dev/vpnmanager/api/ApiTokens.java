package dev.vpnmanager.api;

import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.audit.AuditLog;
import dev.vpnmanager.common.ConflictException;
import dev.vpnmanager.common.Names;
import dev.vpnmanager.common.NotFoundException;
import dev.vpnmanager.domain.ApiToken;
import dev.vpnmanager.storage.Tx;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/** Admin API bearer tokens: made at random (256 bits), shown once, stored as SHA-256 only, revocable. */
@Singleton
public final class ApiTokens {
  static final String PREFIX = "vpnm_";
  private final Tx tx;
  private final AuditLog audit;
  private final SecureRandom random;
  private final Clock clock;

  /** A token as {@code api-tokens list} shows it (never the token itself). */
  public record Row(String name, boolean readOnly, Instant createdAt, Instant lastUsedAt) {}

  @Inject
  ApiTokens(Tx tx, AuditLog audit, SecureRandom random, Clock clock) {
    this.tx = tx;
    this.audit = audit;
    this.random = random;
    this.clock = clock;
  }

  /** A new token; the only time it is ever shown. */
  public String create(Actor actor, String name, boolean readOnly) {
    Names.requireValid("token", name);
    byte[] b = new byte[32];
    random.nextBytes(b);
    String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    tx.run(txn -> {
      if (tx.db().find(ApiToken.class).usingTransaction(txn).where().eq("name", name).exists()) {
        throw new ConflictException("an API token named '" + name + "' already exists");
      }
      ApiToken t = new ApiToken();
      t.setName(name);
      t.setTokenHash(sha256(token));
      t.setReadOnly(readOnly);
      t.setCreatedAt(clock.instant());
      tx.db().insert(t, txn);
      audit.record(txn, actor, "api-token.create", name, readOnly ? "read-only" : "read-write");
    });
    return token;
  }

  public List<Row> list() {
    return tx.db().find(ApiToken.class).orderBy("name").findList().stream()
        .map(t -> new Row(t.getName(), t.isReadOnly(), t.getCreatedAt(), t.getLastUsedAt())).toList();
  }

  public void revoke(Actor actor, String name) {
    tx.run(txn -> {
      ApiToken t = tx.db().find(ApiToken.class).usingTransaction(txn).where().eq("name", name).findOne();
      if (t == null) {
        throw new NotFoundException("no API token named '" + Names.printable(name == null ? "" : name) + "'");
      }
      tx.db().delete(t, txn);
      audit.record(txn, actor, "api-token.revoke", name, null);
    });
  }

  /** The token a bearer value belongs to; marks it used (at most once a minute, to spare the database). */
  Optional<ApiToken> authenticate(String bearer) {
    if (bearer == null || !bearer.startsWith(PREFIX) || bearer.length() != PREFIX.length() + 43) {
      return Optional.empty();
    }
    ApiToken t = tx.db().find(ApiToken.class).where().eq("tokenHash", sha256(bearer)).findOne();
    if (t == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (t.getLastUsedAt() == null || Duration.between(t.getLastUsedAt(), now).toSeconds() >= 60) {
      tx.db().update(ApiToken.class).set("lastUsedAt", now).where().idEq(t.getId()).update();
    }
    return Optional.of(t);
  }

  static String sha256(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(token.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
