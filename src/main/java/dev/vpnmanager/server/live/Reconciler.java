package dev.vpnmanager.server.live;

import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.protocol.UserSpec;
import dev.vpnmanager.server.runtime.ApiSockets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
  /**
   * Users added or removed per batch, their credentials read for that batch only: a core that restarted empty
   * at 100,000 users is filled slice by slice, and the comparison itself holds names only (the whole list of
   * users with their credentials took ~50 MB of the daemon's heap at each run, at start and every 5 minutes).
   */
  static final int SLICE = 5_000;

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
      List<String> toAdd = new ArrayList<>();
      List<String> strays = new ArrayList<>();
      compare(sortedDistinct(servers.userNames(t.name(), true)), sortedDistinct(users.present(t.spec())), toAdd,
          strays);
      List<String> errors = new ArrayList<>();
      for (int from = 0; from < toAdd.size(); from += SLICE) {
        List<String> slice = toAdd.subList(from, Math.min(toAdd.size(), from + SLICE));
        List<UserSpec> specs = servers.users(t.name(), true, slice);
        if (!specs.isEmpty()) {
          BatchResult r = users.add(t.spec(), specs);
          missing.addAll(r.applied());
          r.failed().forEach((n, why) -> errors.add("add " + n + ": " + why));
        }
      }
      for (int from = 0; from < strays.size(); from += SLICE) {
        List<UserSpec> toRemove = known(t.name(), strays.subList(from, Math.min(strays.size(), from + SLICE)));
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
   * Walks both sorted lists side by side: names only the database has go to {@code toAdd}, names only the server
   * has to {@code strays}.
   */
  static void compare(List<String> expected, List<String> present, List<String> toAdd, List<String> strays) {
    int i = 0;
    int j = 0;
    while (i < expected.size() || j < present.size()) {
      int c = i == expected.size() ? 1 : j == present.size() ? -1 : expected.get(i).compareTo(present.get(j));
      if (c < 0) {
        toAdd.add(expected.get(i++));
      } else if (c > 0) {
        strays.add(present.get(j++));
      } else {
        i++;
        j++;
      }
    }
  }

  /** The names sorted, each once, nulls left out (a copy: the caller's list may be immutable). */
  static List<String> sortedDistinct(List<String> names) {
    List<String> out = new ArrayList<>(names.size());
    for (String n : names) {
      if (n != null) {
        out.add(n);
      }
    }
    out.sort(null);
    int k = 0;
    for (String n : out) {
      if (k == 0 || !n.equals(out.get(k - 1))) {
        out.set(k++, n);
      }
    }
    return out.subList(0, k);
  }

  /**
   * The strays as the database knows them (a suspended user's credentials name what to remove); a name it does
   * not know is removed by name alone.
   */
  private List<UserSpec> known(String server, List<String> strays) {
    Map<String, UserSpec> known = new HashMap<>();
    for (UserSpec u : servers.users(server, false, strays)) {
      known.put(u.username(), u);
    }
    return strays.stream().map(n -> known.getOrDefault(n, new UserSpec(n, Credentials.of()))).toList();
  }
}
