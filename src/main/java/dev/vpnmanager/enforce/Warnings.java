package dev.vpnmanager.enforce;

import dev.vpnmanager.common.Sizes;
import dev.vpnmanager.domain.VpnUser;
import dev.vpnmanager.notify.Alerts;
import dev.vpnmanager.notify.When;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Early warnings, each sent once: at 80 % and 95 % of the quota (once per quota period and limit: a reset or
 * added traffic starts over) and 3 days and 1 day before expiry (once per expiry date: a renewal starts over).
 * A user who jumps past both thresholds between sweeps gets only the higher one.
 */
@Singleton
public final class Warnings {
  private final EnforceQueries queries;
  private final Alerts alerts;
  private final Clock clock;

  @Inject
  public Warnings(EnforceQueries queries, Alerts alerts, Clock clock) {
    this.queries = queries;
    this.alerts = alerts;
    this.clock = clock;
  }

  /** Raises the warnings that are due and not yet raised; returns their alert keys. */
  public List<String> sweep() {
    Map<String, Object[]> due = new LinkedHashMap<>();
    for (VpnUser u : queries.nearQuota(80)) {
      if (u.getUsedBytes() >= u.getLimitBytes()) {
        continue;
      }
      int level = u.getUsedBytes() * 100 >= u.getLimitBytes() * 95 ? 95 : 80;
      String period = u.getNextResetAt() == null ? "none" : String.valueOf(u.getNextResetAt().getEpochSecond());
      due.put("quota" + level + ":" + u.getUsername() + ":" + u.getLimitBytes() + ":" + period,
          new Object[] {u.getUsername(), "user.quota" + level, Sizes.format(u.getUsedBytes()),
              Sizes.format(u.getLimitBytes()), String.valueOf(level)});
    }
    Instant now = clock.instant();
    for (VpnUser u : queries.expiringBetween(now, now.plus(Duration.ofDays(3)))) {
      boolean oneDay = !u.getExpiresAt().isAfter(now.plus(Duration.ofDays(1)));
      String days = oneDay ? "1" : "3";
      due.put("expiry" + days + "d:" + u.getUsername() + ":" + u.getExpiresAt().getEpochSecond(),
          new Object[] {u.getUsername(), "user.expiry" + days + "d", When.expiry(u.getExpiresAt())});
    }
    Set<String> done = queries.raised(new ArrayList<>(due.keySet()));
    List<String> raised = new ArrayList<>();
    due.forEach((key, a) -> {
      if (!done.contains(key) && alerts.raise(key, Alerts.user((String) a[0]), (String) a[1], tail(a))) {
        raised.add(key);
      }
    });
    return raised;
  }

  private static Object[] tail(Object[] a) {
    Object[] out = new Object[a.length - 2];
    System.arraycopy(a, 2, out, 0, out.length);
    return out;
  }
}
