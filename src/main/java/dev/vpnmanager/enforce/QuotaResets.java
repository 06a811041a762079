package dev.vpnmanager.enforce;

import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.domain.ResetPolicy;
import dev.vpnmanager.domain.ResetStrategy;
import dev.vpnmanager.domain.VpnUser;
import dev.vpnmanager.user.UserRecord;
import dev.vpnmanager.user.UserService;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Per-user periodic quota resets: setting the policy computes the first reset; the sweep resets who is due
 * (used bytes to 0, limited users active again) and moves their next reset on. A reset missed while the
 * daemon was down happens at the next sweep, once, and the following one is computed from now.
 */
@Singleton
public final class QuotaResets {
  private static final Actor ACTOR = Actor.job("quota-reset");
  private final EnforceQueries queries;
  private final UserService users;
  private final Clock clock;

  @Inject
  public QuotaResets(EnforceQueries queries, UserService users, Clock clock) {
    this.queries = queries;
    this.users = users;
    this.clock = clock;
  }

  public UserRecord setPolicy(Actor actor, String username, String strategy, int day) {
    ResetStrategy s = ResetStrategy.parse(strategy);
    int d = ResetCalendar.validDay(s, day);
    return users.setResetPolicy(actor, username, new ResetPolicy(s, d), ResetCalendar.next(s, d, clock.instant()));
  }

  /** Sets a parsed policy ("monthly:15"); the first reset is computed from now. */
  public UserRecord setPolicy(Actor actor, String username, ResetPolicy policy) {
    return users.setResetPolicy(actor, username, policy,
        ResetCalendar.next(policy.strategy(), policy.day(), clock.instant()));
  }

  /** Resets every user whose reset is due; returns their names. */
  public List<String> sweep() {
    Instant now = clock.instant();
    List<String> done = new ArrayList<>();
    for (VpnUser u : queries.dueForReset(now)) {
      ResetStrategy s = u.getResetStrategy();
      users.periodicReset(ACTOR, u.getUsername(), ResetCalendar.next(s, u.getResetDay(), now));
      done.add(u.getUsername());
    }
    return done;
  }
}
