package dev.vpnmanager.alert;

import dev.vpnmanager.common.Sizes;
import dev.vpnmanager.domain.VpnUser;
import dev.vpnmanager.enforce.EnforceQueries;
import dev.vpnmanager.notify.Alerts;
import dev.vpnmanager.notify.When;
import dev.vpnmanager.traffic.UsageQueries;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.inject.Inject;
import javax.inject.Singleton;

/** The admins' daily digest: users near their limit, users expiring within a week, yesterday's traffic by server. */
@Singleton
public final class DailyDigest {
  static final int MAX_NAMES = 20;
  private final EnforceQueries queries;
  private final UsageQueries usage;
  private final Alerts alerts;
  private final Clock clock;

  @Inject
  public DailyDigest(EnforceQueries queries, UsageQueries usage, Alerts alerts, Clock clock) {
    this.queries = queries;
    this.usage = usage;
    this.alerts = alerts;
    this.clock = clock;
  }

  /** Sends the digest for this day, once. */
  public boolean send(LocalDate day) {
    Instant now = clock.instant();
    String near = names(queries.nearQuota(80).stream()
        .map(u -> u.getUsername() + " " + (u.getUsedBytes() * 100 / u.getLimitBytes()) + "%").toList());
    String expiring = names(queries.expiringBetween(now, now.plus(Duration.ofDays(7))).stream()
        .map(VpnUser::getUsername).toList());
    Map<String, Long> byServer = usage.byServer(day.minusDays(1));
    String traffic = byServer.isEmpty() ? "-" : byServer.entrySet().stream()
        .map(e -> e.getKey() + " " + Sizes.format(e.getValue())).collect(Collectors.joining(", "));
    return alerts.raise("digest:" + day, Alerts.ADMINS, "admin.digest", When.day(day), near, expiring, traffic);
  }

  private static String names(List<String> all) {
    if (all.isEmpty()) {
      return "-";
    }
    String shown = String.join(", ", all.subList(0, Math.min(MAX_NAMES, all.size())));
    return all.size() > MAX_NAMES ? shown + " (+" + (all.size() - MAX_NAMES) + ")" : shown;
  }
}
