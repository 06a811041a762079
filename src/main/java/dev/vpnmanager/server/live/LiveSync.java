package dev.vpnmanager.server.live;

import dev.vpnmanager.event.DomainEvent;
import dev.vpnmanager.event.EventSubscriber;
import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.protocol.UserSpec;
import dev.vpnmanager.user.UserEvent;
import dev.vpnmanager.user.UserRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

  /**
   * Events committed together (an import): one {@link LiveUsers} call per server and direction for the whole
   * batch instead of one per user, so an HTTP/SOCKS inbound (not a user manager: every change replaces it) is
   * replaced once, and VLESS adds go as one burst. Order per user is kept: a second event for a user already in
   * the pending calls sends those first. Rotations go one by one ({@link #apply}).
   */
  @Override
  public void onAll(List<DomainEvent> events) {
    List<UserEvent> users = events.stream().filter(UserEvent.class::isInstance).map(UserEvent.class::cast).toList();
    if (users.size() == 1) {
      apply(users.get(0));
    } else if (!users.isEmpty()) {
      applyAll(users);
    }
  }

  /** The calls a batch made, in order: what each server answered. */
  public List<BatchResult> applyAll(List<UserEvent> events) {
    List<BatchResult> results = new ArrayList<>();
    Map<String, Optional<LiveTarget>> targets = new HashMap<>();
    Map<Call, List<UserSpec>> pending = new LinkedHashMap<>();
    Set<String> inPending = new HashSet<>();
    for (UserEvent event : events) {
      UserRecord u = event.snapshot();
      LiveUsers users = live.get().get(u.protocol());
      if (users == null || u.server() == null || event.kind() == UserEvent.Kind.RESET_POLICY) {
        continue;
      }
      if (inPending.contains(u.username()) || event.kind() == UserEvent.Kind.ROTATED) {
        flush(pending, targets, results);
        inPending.clear();
      }
      if (event.kind() == UserEvent.Kind.ROTATED) {
        apply(event).ifPresent(results::add);
        continue;
      }
      boolean active = "active".equals(u.status()) && event.kind() != UserEvent.Kind.DELETED;
      pending.computeIfAbsent(new Call(u.server(), u.protocol(), active), k -> new ArrayList<>()).add(spec(u));
      inPending.add(u.username());
    }
    flush(pending, targets, results);
    return results;
  }

  private record Call(String server, String protocol, boolean add) {}

  private void flush(Map<Call, List<UserSpec>> pending, Map<String, Optional<LiveTarget>> targets,
      List<BatchResult> results) {
    for (Map.Entry<Call, List<UserSpec>> e : pending.entrySet()) {
      Call call = e.getKey();
      List<UserSpec> specs = e.getValue();
      try {
        Optional<LiveTarget> target = targets.computeIfAbsent(call.server(), servers.get()::running);
        if (target.isEmpty()) {
          continue;
        }
        LiveUsers users = live.get().get(call.protocol());
        BatchResult result = call.add() ? users.add(target.get().spec(), specs)
            : users.remove(target.get().spec(), specs);
        if (!result.complete()) {
          LOG.warn("live {} of {} users on server {}: {} failed, first {}; the next reconcile retries",
              call.add() ? "add" : "remove", specs.size(), call.server(), result.failed().size(),
              result.failed().entrySet().iterator().next());
        }
        results.add(result);
      } catch (RuntimeException ex) {
        LOG.warn("live {} of {} users on server {} failed: {}; the next reconcile retries",
            call.add() ? "add" : "remove", specs.size(), call.server(), ex.getMessage());
      }
    }
    pending.clear();
  }

  private static UserSpec spec(UserRecord u) {
    return new UserSpec(u.username(), new Credentials(u.credentials() == null ? Map.of() : u.credentials()));
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
      UserSpec spec = spec(u);
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
