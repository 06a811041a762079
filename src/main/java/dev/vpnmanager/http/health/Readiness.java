package dev.vpnmanager.http.health;

import dev.vpnmanager.chat.ChatTransport;
import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.scheduling.Daemon;
import io.ebean.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Provider;
import javax.inject.Singleton;

/**
 * Is the daemon ready to serve? The database answers, the scheduler runs, every configured chat transport is
 * connected, Docker answers. Each part says "ok" or what is wrong. Docker's answer is kept for a few seconds
 * so a busy probe does not become load on the engine.
 */
@Singleton
public final class Readiness {
  private static final Duration DOCKER_TTL = Duration.ofSeconds(5);
  private final Database db;
  private final Daemon daemon;
  private final Provider<Set<ChatTransport>> transports;
  private final ContainerRuntime docker;
  private final Clock clock;
  private volatile Instant dockerCheckedAt = Instant.EPOCH;
  private volatile String dockerState = "not checked";

  @Inject
  Readiness(Database db, Daemon daemon, Provider<Set<ChatTransport>> transports, ContainerRuntime docker,
            Clock clock) {
    this.db = db;
    this.daemon = daemon;
    this.transports = transports;
    this.docker = docker;
    this.clock = clock;
  }

  /** Part name -> "ok" or the problem, in a stable order. */
  public Map<String, String> check() {
    Map<String, String> parts = new LinkedHashMap<>();
    parts.put("database", database());
    parts.put("scheduler", daemon.running() ? OK : "not running");
    for (ChatTransport t : transports.get()) {
      parts.put("chat." + t.platform().code(), t.connected() ? OK : "not connected");
    }
    parts.put("docker", docker());
    return parts;
  }

  public static final String OK = "ok";

  private String database() {
    try {
      db.sqlQuery("select 1").findOne();
      return OK;
    } catch (RuntimeException e) {
      return "unreachable (" + e.getClass().getSimpleName() + ")";
    }
  }

  private String docker() {
    Instant now = clock.instant();
    if (Duration.between(dockerCheckedAt, now).compareTo(DOCKER_TTL) < 0 && !"not checked".equals(dockerState)) {
      return dockerState;
    }
    String state;
    try {
      docker.engineVersion();
      state = OK;
    } catch (RuntimeException e) {
      state = "unreachable at " + docker.endpoint();
    }
    dockerState = state;
    dockerCheckedAt = now;
    return state;
  }
}
