package dev.vpnmanager.server.live;

import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.protocol.UserSpec;
import dev.vpnmanager.server.runtime.ApiSockets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares each running server's users ({@link LiveUsers#present}) with the database's active users and fixes
 * the difference live: missing ones added, stray ones removed (and first removes the API socket a killed core left
 * behind, so the engine's next restart of its container binds it again). Runs on daemon start (the reconcile job's first
 * run), every reconcile interval, and from {@code doctor}.
 */
@Singleton
public final class Reconciler {
  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
  private final LiveServers servers;
  private final Map<String, LiveUsers> live;
  private final ApiSockets sockets;

  @Inject
  public Reconciler(LiveServers servers, Map<String, LiveUsers> live, ApiSockets sockets) {
    this.servers = servers;
    this.live = live;
    this.sockets = sockets;
  }

  /** One entry per running server that has live users support. */
  public synchronized List<Drift> reconcile() {
    List<Drift> out = new ArrayList<>();
    clearStaleSockets();
    for (LiveTarget t : servers.running()) {
      LiveUsers users = live.get(t.protocol());
      if (users != null) {
        Drift d = reconcile(t, users);
        if (!d.none()) {
          LOG.warn("drift on server {}: {}", t.name(), d.summary());
        }
        out.add(d);
      }
    }
    return out;
  }

  /** A deployed server whose container is not running may be failing to bind a socket its killed core left. */
  private void clearStaleSockets() {
    try {
      servers.deployed().stream().filter(d -> d.container().isPresent() && !d.container().get().running())
          .forEach(d -> sockets.clearStale(d.server()));
    } catch (RuntimeException e) {
      LOG.debug("no stale socket check: {}", e.getMessage());
    }
  }

  private Drift reconcile(LiveTarget t, LiveUsers users) {
    List<String> missing = new ArrayList<>();
    List<String> stray = new ArrayList<>();
    try {
      Set<String> present = new HashSet<>(users.present(t.spec()));
      Map<String, UserSpec> expected = new LinkedHashMap<>();
      servers.users(t.name(), true).forEach(u -> expected.put(u.username(), u));
      List<UserSpec> toAdd = expected.values().stream().filter(u -> !present.contains(u.username())).toList();
      List<String> strays = present.stream().filter(n -> !expected.containsKey(n)).sorted().toList();
      present.clear();
      List<UserSpec> toRemove = strays.isEmpty() ? List.of() : known(t.name(), strays);
      List<String> errors = new ArrayList<>();
      if (!toAdd.isEmpty()) {
        BatchResult r = users.add(t.spec(), toAdd);
        missing.addAll(r.applied());
        r.failed().forEach((n, why) -> errors.add("add " + n + ": " + why));
      }
      if (!toRemove.isEmpty()) {
        BatchResult r = users.remove(t.spec(), toRemove);
        stray.addAll(r.applied());
        r.failed().forEach((n, why) -> errors.add("remove " + n + ": " + why));
      }
      return new Drift(t.name(), missing, stray, errors.isEmpty() ? null : String.join("; ", errors));
    } catch (RuntimeException e) {
      return new Drift(t.name(), missing, stray, e.getMessage());
    }
  }

  /**
   * The strays as the database knows them (a suspended user's credentials name what to remove), read only when
   * there are strays and keeping only them: at 100,000 users a second full list of users and credentials doubled
   * the daemon's heap at start.
   */
  private List<UserSpec> known(String server, List<String> strays) {
    Set<String> wanted = new HashSet<>(strays);
    Map<String, UserSpec> known = new LinkedHashMap<>();
    for (UserSpec u : servers.users(server, false)) {
      if (wanted.contains(u.username())) {
        known.put(u.username(), u);
      }
    }
    return strays.stream().map(n -> known.getOrDefault(n, new UserSpec(n, Credentials.of()))).toList();
  }
}
