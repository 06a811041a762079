package dev.vpnmanager.http.sub;

import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.audit.AuditLog;
import dev.vpnmanager.delivery.SubscriptionUrls;
import dev.vpnmanager.domain.SubscriptionToken;
import dev.vpnmanager.domain.VpnUser;
import dev.vpnmanager.http.HttpSettings;
import dev.vpnmanager.storage.Tx;
import dev.vpnmanager.user.UserQueries;
import io.ebean.Database;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Subscription tokens: 256 bits, derived as HMAC-SHA256(the shared key {@code subscription}, user id, creation second,
 * generation) and stored only as their SHA-256. A link can therefore be shown again at any time (chat, CLI), by
 * any instance on the database, and a restored backup keeps every link (the key is in the database:
 * {@code storage.SharedKeys}). Rotation moves the generation on; the old link then
 * matches nothing. A user gets a row lazily, the first time their link is asked for.
 */
public final class SubscriptionTokens implements SubscriptionUrls {
  /** 32 bytes in unpadded base64url. */
  public static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private final byte[] key;
  private final Tx tx;
  private final UserQueries users;
  private final AuditLog audit;
  private final HttpSettings http;

  SubscriptionTokens(byte[] key, Tx tx, UserQueries users, AuditLog audit, HttpSettings http) {
    this.key = key.clone();
    this.tx = tx;
    this.users = users;
    this.audit = audit;
    this.http = http;
  }

  @Override
  public String urlFor(String username) {
    return urlOf(tokenOf(users.require(username)));
  }

  @Override
  public boolean published() {
    return http.published();
  }

  public String urlOf(String token) {
    return http.publicUrl() + "/sub/" + token;
  }

  /** The user's current token, creating their row (generation 0) when they have none yet. */
  public String tokenOf(VpnUser u) {
    Database db = tx.db();
    SubscriptionToken row = db.find(SubscriptionToken.class).where().eq("userId", u.getId()).findOne();
    if (row != null) {
      return derive(u, row.getGeneration());
    }
    String token = derive(u, 0);
    try {
      tx.run(txn -> {
        SubscriptionToken fresh = new SubscriptionToken();
        fresh.setUserId(u.getId());
        fresh.setGeneration(0);
        fresh.setTokenHash(sha256(token));
        db.insert(fresh, txn);
      });
    } catch (dev.vpnmanager.common.ConflictException e) {
      // made at the same moment by another request or process: theirs is the same token
      SubscriptionToken other = db.find(SubscriptionToken.class).where().eq("userId", u.getId()).findOne();
      if (other != null) {
        return derive(u, other.getGeneration());
      }
      throw e;
    }
    return token;
  }

  /** A new token for the user (the old link stops working at once), audited; returns the new URL. */
  public String rotate(Actor actor, String username) {
    VpnUser u = users.require(username);
    tokenOf(u);
    String token = tx.write(txn -> {
      SubscriptionToken row = tx.db().find(SubscriptionToken.class).usingTransaction(txn)
          .where().eq("userId", u.getId()).findOne();
      int next = row.getGeneration() + 1;
      String t = derive(u, next);
      row.setGeneration(next);
      row.setTokenHash(sha256(t));
      tx.db().update(row, txn);
      audit.record(txn, actor, "user.sub-rotate", username, "generation " + next);
      return t;
    });
    return urlOf(token);
  }

  /** The user a presented token belongs to; empty for anything else, malformed or stale. */
  public Optional<VpnUser> resolve(String token) {
    if (token == null || !FORMAT.matcher(token).matches()) {
      return Optional.empty();
    }
    SubscriptionToken row = tx.db().find(SubscriptionToken.class).where().eq("tokenHash", sha256(token)).findOne();
    if (row == null) {
      return Optional.empty();
    }
    VpnUser u = tx.db().find(VpnUser.class).fetch("server").where().idEq(row.getUserId()).findOne();
    if (u == null || !MessageDigest.isEqual(derive(u, row.getGeneration()).getBytes(StandardCharsets.US_ASCII),
        token.getBytes(StandardCharsets.US_ASCII))) {
      return Optional.empty();
    }
    return Optional.of(u);
  }

  /** Forgets a deleted user's row (a stale row would match nothing anyway). */
  void forget(long userId) {
    tx.db().find(SubscriptionToken.class).where().eq("userId", userId).delete();
  }

  String derive(VpnUser u, int generation) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      String input = "subscription\0" + u.getId() + "\0" + u.getCreatedAt().getEpochSecond() + "\0" + generation;
      return B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
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
