package dev.vpnmanager.user.invite;

import dev.vpnmanager.config.Config;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.audit.AuditLog;
import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.domain.InviteToken;
import dev.vpnmanager.domain.VpnUser;
import dev.vpnmanager.storage.Tx;
import dev.vpnmanager.user.UserQueries;
import dev.vpnmanager.user.binding.ChatBindings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * One-time invites, for every chat platform: an invite is a random token of which only
 * the SHA-256 is stored; redeeming it once, before it expires, binds the chat to that VPN user.
 */
@Singleton
public final class InviteService {
  private final Tx tx;
  private final UserQueries users;
  private final ChatBindings bindings;
  private final AuditLog audit;
  private final SecureRandom random;
  private final Clock clock;
  private final Duration ttl;

  @Inject
  public InviteService(Tx tx, UserQueries users, ChatBindings bindings, AuditLog audit, SecureRandom random, Clock clock,
                       @Config("invite-ttl") Duration ttl) {
    this.tx = tx;
    this.users = users;
    this.bindings = bindings;
    this.audit = audit;
    this.random = random;
    this.clock = clock;
    this.ttl = ttl;
  }

  /** Makes a new invite for the user and returns the token (shown once, never stored). */
  public String create(Actor actor, String username) {
    byte[] raw = new byte[18];
    random.nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    tx.run(txn -> {
      VpnUser u = users.require(username);
      InviteToken t = new InviteToken();
      t.setTokenHash(hash(token));
      t.setUser(u);
      t.setExpiresAt(clock.instant().plus(ttl));
      tx.db().insert(t, txn);
      audit.record(txn, actor, "user.invite", u.getUsername(), "expires " + t.getExpiresAt());
    });
    return token;
  }

  /**
   * Binds the chat to the invite's user and uses the invite up. A wrong, used or expired token gets the same
   * answer, so a stranger learns nothing. Returns the bound user's name.
   */
  public String redeem(Actor actor, String platform, String chatId, String token) {
    if (token == null || !token.matches("[A-Za-z0-9_-]{10,64}")) {
      throw refused();
    }
    return tx.write(txn -> {
      Instant now = clock.instant();
      InviteToken t = tx.db().find(InviteToken.class).usingTransaction(txn).fetch("user")
          .where().eq("tokenHash", hash(token)).findOne();
      if (t == null || t.getUsedAt() != null || !t.getExpiresAt().isAfter(now)) {
        throw refused();
      }
      t.setUsedAt(now);
      tx.db().update(t, txn);
      bindings.bind(txn, platform, chatId, t.getUser());
      audit.record(txn, actor, "user.bind", t.getUser().getUsername(), platform + " chat " + chatId);
      return t.getUser().getUsername();
    });
  }

  static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static InvalidInputException refused() {
    return new InvalidInputException("this invite is not valid: it may be used up or expired; ask for a new one");
  }
}
