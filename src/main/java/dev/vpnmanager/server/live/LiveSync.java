package dev.vpnmanager.server.live;

import dev.vpnmanager.event.DomainEvent;
import dev.vpnmanager.event.EventSubscriber;
import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.protocol.UserSpec;
import dev.vpnmanager.user.UserEvent;
import dev.vpnmanager.user.UserRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dagger.Lazy;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies committed user changes to the user's running server, live, through the protocol's {@link LiveUsers}:
 * an active user is added, any other (suspended, limited, expired, deleted) removed; a rotated user is removed
 * and added again with the new credentials. No entry for the protocol, or a server that does not run: nothing
 * to do. A failed apply is logged and left to the next reconcile; the database change stands.
 */
@Singleton
public final class LiveSync implements EventSubscriber {
  private static final Logger LOG = LoggerFactory.getLogger(LiveSync.class);
  private final Lazy<LiveServers> servers;
  private final Lazy<Map<String, LiveUsers>> live;

  @Inject
  public LiveSync(Lazy<LiveServers> servers, Lazy<Map<String, LiveUsers>> live) {
    this.servers = servers;
    this.live = live;
  }

  /** Bound into the bus's subscribers by {@link LiveModule}: every committed user event reaches the server. */
  @Override
  public void on(DomainEvent event) {
    if (event instanceof UserEvent u) {
      apply(u);
    }
  }

  /** What this event did on the server, or empty when there was nothing to do. */
  public Optional<BatchResult> apply(UserEvent event) {
    UserRecord u = event.snapshot();
    LiveUsers users = live.get().get(u.protocol());
    if (users == null || u.server() == null || event.kind() == UserEvent.Kind.RESET_POLICY) {
      return Optional.empty();
    }
    try {
      Optional<LiveTarget> target = servers.get().running(u.server());
      if (target.isEmpty()) {
        return Optional.empty();
      }
      UserSpec spec = new UserSpec(u.username(), new Credentials(u.credentials() == null ? Map.of() : u.credentials()));
      boolean active = "active".equals(u.status()) && event.kind() != UserEvent.Kind.DELETED;
      BatchResult result;
      if (event.kind() == UserEvent.Kind.ROTATED) {
        result = users.remove(target.get().spec(), List.of(spec));
        if (active && result.complete()) {
          result = users.add(target.get().spec(), List.of(spec));
        }
      } else {
        result = active ? users.add(target.get().spec(), List.of(spec)) : users.remove(target.get().spec(), List.of(spec));
      }
      if (!result.complete()) {
        LOG.warn("live {} of user {} on server {} failed: {}; the next reconcile retries", event.kind().code(),
            u.username(), u.server(), result.failed().get(u.username()));
      }
      return Optional.of(result);
    } catch (RuntimeException e) {
      LOG.warn("live {} of user {} on server {} failed: {}; the next reconcile retries", event.kind().code(), u.username(),
          u.server(), e.getMessage());
      return Optional.empty();
    }
  }
}
