package dev.vpnmanager.enforce;

import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.common.Sizes;
import dev.vpnmanager.domain.VpnUser;
import dev.vpnmanager.notify.Alerts;
import dev.vpnmanager.notify.When;
import dev.vpnmanager.user.UserQueries;
import dev.vpnmanager.user.UserRecord;
import dev.vpnmanager.user.UserService;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * The enforcement sweep: expired users become {@code expired}, users over their limit {@code limited}, each
 * through {@link UserService#enforce}, which records the change and publishes the event live sync acts on.
 * The user is told why and how to get access back, once.
 */
@Singleton
public final class Enforcer {
  static final Actor ACTOR = Actor.job("enforce");
  private final UserQueries users;
  private final EnforceQueries queries;
  private final UserService service;
  private final Alerts alerts;
  private final Clock clock;

  @Inject
  public Enforcer(UserQueries users, EnforceQueries queries, UserService service, Alerts alerts, Clock clock) {
    this.users = users;
    this.queries = queries;
    this.service = service;
    this.alerts = alerts;
    this.clock = clock;
  }

  /** Cuts off who is due; returns the names of the users whose status changed. */
  public List<String> sweep() {
    Instant now = clock.instant();
    Set<String> due = new LinkedHashSet<>();
    users.dueForExpiry(now).forEach(u -> due.add(u.getUsername()));
    for (VpnUser u : queries.nearQuota(100)) {
      due.add(u.getUsername());
    }
    return due.stream().filter(name -> cut(name, now)).toList();
  }

  private boolean cut(String name, Instant now) {
    Optional<UserRecord> changed = service.enforce(ACTOR, name);
    if (changed.isEmpty()) {
      return false;
    }
    UserRecord u = changed.get();
    switch (u.status()) {
      case "expired" -> alerts.raise("cutoff:" + name + ":expired:" + u.expiresAt(), Alerts.user(name),
          "user.expired", When.date(u.expiresAt()));
      case "limited" -> alerts.raise("cutoff:" + name + ":limited:" + now.toEpochMilli(), Alerts.user(name),
          "user.limited", Sizes.format(u.limitBytes()));
      default -> { }
    }
    return true;
  }
}
