package dev.vpnmanager.alert;

import dev.vpnmanager.config.Settings;
import dev.vpnmanager.notify.Alerts;
import dev.vpnmanager.storage.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Tells admins when a server's container stops or turns unhealthy and when it recovers: one message each per
 * incident, however many checks see it, because the open incident (its start) is kept in state_entry and the
 * alerts are keyed by it. CPU or memory above a threshold alerts once it stayed there for the sustained time.
 */
@Singleton
public final class HealthWatch {
  private final Optional<ServerHealthSource> source;
  private final StateStore state;
  private final Alerts alerts;
  private final Clock clock;
  private final Thresholds limits;

  @Inject
  public HealthWatch(Optional<ServerHealthSource> source, StateStore state, Alerts alerts, Clock clock,
                     Settings settings) {
    this.source = source;
    this.state = state;
    this.alerts = alerts;
    this.clock = clock;
    this.limits = Thresholds.of(settings);
  }

  public void check() {
    source.ifPresent(s -> check(s.poll()));
  }

  public void check(List<ServerHealth> servers) {
    Instant now = clock.instant();
    for (ServerHealth h : servers) {
      incident(h, now);
      resource(h.serverName(), "cpu", h.cpuPercent(), limits.cpuPercent(), now);
      resource(h.serverName(), "memory", h.memoryPercent(), limits.memoryPercent(), now);
    }
  }

  private void incident(ServerHealth h, Instant now) {
    String key = "health.down." + h.serverName();
    Optional<String> open = state.get(key);
    if (h.down()) {
      String start = open.orElseGet(() -> {
        state.put(key, now.toString());
        return now.toString();
      });
      // raising again is a no-op; it only matters when a crash came between opening and alerting
      alerts.raise("server-down:" + h.serverName() + ":" + start, Alerts.ADMINS, "admin.server-down",
          h.serverName(), h.state().name().toLowerCase(Locale.ROOT));
    } else if (open.isPresent()) {
      Duration lasted = Duration.between(Instant.parse(open.get()), now);
      alerts.raise("server-up:" + h.serverName() + ":" + open.get(), Alerts.ADMINS, "admin.server-up",
          h.serverName(), minutes(lasted));
      state.remove(key);
    }
  }

  private void resource(String server, String what, double value, double limit, Instant now) {
    String key = "health." + what + "." + server;
    Optional<String> since = state.get(key);
    if (value < limit) {
      if (since.isPresent()) {
        state.remove(key);
      }
      return;
    }
    if (since.isEmpty()) {
      state.put(key, now.toString());
      return;
    }
    Duration above = Duration.between(Instant.parse(since.get()), now);
    if (above.compareTo(limits.sustained()) >= 0) {
      alerts.raise(what + "-high:" + server + ":" + since.get(), Alerts.ADMINS, "admin." + what + "-high",
          server, String.format(Locale.ROOT, "%.0f", value), String.format(Locale.ROOT, "%.0f", limit), minutes(above));
    }
  }

  private static String minutes(Duration d) {
    return String.valueOf(Math.max(1, d.toMinutes()));
  }
}
