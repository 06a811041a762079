package dev.vpnmanager.alert;

import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.config.ConfigKeys;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells admins when a server's container stops or turns unhealthy and when it recovers: one message each per
 * incident, however many checks see it, because the open incident (its start) is kept in state_entry and the
 * alerts are keyed by it. A server is down only after {@code alerts.down-after} checks in a row found it not
 * running (the run of failures and its start are kept too), so one failed check or a flap alerts no one. A
 * Docker engine that cannot be asked is an incident of its own, counted the same way. CPU or memory above a
 * threshold alerts once it stayed there for the sustained time.
 */
@Singleton
public final class HealthWatch {
  private static final Logger LOG = LoggerFactory.getLogger(HealthWatch.class);
  private final Optional<ServerHealthSource> source;
  private final StateStore state;
  private final Alerts alerts;
  private final Clock clock;
  private final Thresholds limits;
  private final int downAfter;

  @Inject
  public HealthWatch(Optional<ServerHealthSource> source, StateStore state, Alerts alerts, Clock clock,
                     Settings settings) {
    this.source = source;
    this.state = state;
    this.alerts = alerts;
    this.clock = clock;
    this.limits = Thresholds.of(settings);
    this.downAfter = downAfter(settings);
  }

  /** How many failed checks in a row make an incident; a bad value is a clear error at start. */
  public static int downAfter(Settings settings) {
    String v = settings.get(ConfigKeys.ALERTS_DOWN_AFTER);
    try {
      int n = Integer.parseInt(v.strip());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidInputException("alerts.down-after must be a whole number of at least 1, not '" + v + "'");
  }

  /** One health check of every server; an engine that cannot be asked is reported, not thrown. */
  public void check() {
    if (source.isEmpty()) {
      return;
    }
    List<ServerHealth> servers;
    try {
      servers = source.get().poll();
    } catch (RuntimeException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      LOG.warn("health check: the Docker engine cannot be asked: {}", why);
      failing("@docker", clock.instant(), start -> alerts.raise("docker-down:" + start, Alerts.ADMINS,
          "admin.docker-down", why.length() > 120 ? why.substring(0, 120) : why));
      return;
    }
    recovered("@docker", clock.instant(), (start, lasted) -> alerts.raise("docker-up:" + start, Alerts.ADMINS,
        "admin.docker-up", lasted));
    check(servers);
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
    String state = h.state().name().toLowerCase(Locale.ROOT);
    if (h.down()) {
      // raising again is a no-op; it only matters when a crash came between opening and alerting
      failing(h.serverName(), now, start -> alerts.raise("server-down:" + h.serverName() + ":" + start,
          Alerts.ADMINS, "admin.server-down", h.serverName(), state));
    } else {
      recovered(h.serverName(), now, (start, lasted) -> alerts.raise("server-up:" + h.serverName() + ":" + start,
          Alerts.ADMINS, "admin.server-up", h.serverName(), lasted));
    }
  }

  /**
   * One more failed check of {@code what}: counts the run (and remembers its first failure); once the run is
   * long enough, the incident is open (from that first failure) and {@code alert} raised with its start.
   */
  private void failing(String what, Instant now, java.util.function.Consumer<String> alert) {
    String key = "health.down." + what;
    Optional<String> open = state.get(key);
    if (open.isEmpty()) {
      String runKey = "health.failing." + what;
      String[] run = state.get(runKey).orElse("0 " + now).split(" ", 2);
      int count = Integer.parseInt(run[0]) + 1;
      if (count < downAfter) {
        state.put(runKey, count + " " + run[1]);
        return;
      }
      state.put(key, run[1]);
      state.remove(runKey);
      open = Optional.of(run[1]);
    }
    alert.accept(open.get());
  }

  /** A good check of {@code what}: a run of failures is forgotten, an open incident closed with one message. */
  private void recovered(String what, Instant now, java.util.function.BiConsumer<String, String> alert) {
    String runKey = "health.failing." + what;
    if (state.get(runKey).isPresent()) {
      state.remove(runKey);
    }
    String key = "health.down." + what;
    Optional<String> open = state.get(key);
    if (open.isPresent()) {
      alert.accept(open.get(), minutes(Duration.between(Instant.parse(open.get()), now)));
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
