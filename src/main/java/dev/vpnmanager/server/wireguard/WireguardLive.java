package dev.vpnmanager.server.wireguard;

import dev.vpnmanager.server.ServerUsers;
import dev.vpnmanager.common.OperationFailedException;
import dev.vpnmanager.protocol.ServerSpec;
import dev.vpnmanager.protocol.UserSpec;
import dev.vpnmanager.server.live.BatchResult;
import dev.vpnmanager.server.live.LiveUsers;
import dev.vpnmanager.protocol.wireguard.WireguardDriver;
import dev.vpnmanager.server.runtime.ConfigRefresh;
import dev.vpnmanager.server.runtime.FinalCounts;
import io.ebean.Database;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Live WireGuard peers, over the server's UAPI socket when it answers, else {@code wg} in the container through the
 * engine of the server's node (see {@link WgSockets}): a batch of adds is one set request (or one {@code wg addconf}, preshared keys on stdin), a batch
 * of removes one set request (or one {@code wg set ... peer K remove ...}). A peer is the user's public key on the
 * user's address: a peer left without an address because the user's keys were rotated is removed right after the add.
 * Removal reads the peers' transfer counts first and keeps them in {@link FinalCounts} (a removed peer's counters
 * vanish).
 */
@Singleton
public final class WireguardLive implements LiveUsers {
  private final Database db;
  private final FinalCounts finals;
  private final WireguardDriver driver;
  private final WgSockets sockets;

  @Inject
  public WireguardLive(Database db, FinalCounts finals, WireguardDriver driver, WgSockets sockets) {
    this.db = db;
    this.finals = finals;
    this.driver = driver;
    this.sockets = sockets;
  }

  @Override
  public BatchResult add(ServerSpec server, List<UserSpec> users) {
    return applying(server, users, this::add);
  }

  /** Runs one change on the server's control path, then refreshes the config file the container restarts with. */
  private BatchResult applying(ServerSpec server, List<UserSpec> users, Change change) {
    WgControl wg = sockets.control(server);
    try {
      return change.apply(server, wg, users);
    } catch (OperationFailedException e) {
      return noneApplied(users, e);
    } finally {
      ConfigRefresh.write(sockets.runtime(server), db, driver, server.name(), wg::containerId, WireguardPlanner.CONF);
    }
  }

  @FunctionalInterface
  private interface Change {
    BatchResult apply(ServerSpec server, WgControl wg, List<UserSpec> users);
  }

  private BatchResult add(ServerSpec server, WgControl wg, List<UserSpec> users) {
    Map<String, String> failed = new LinkedHashMap<>();
    List<UserSpec> valid = validOnly(users, failed);
    if (valid.isEmpty()) {
      return new BatchResult(List.of(), failed);
    }
    List<WgControl.Peer> peers = valid.stream().map(u -> new WgControl.Peer(u.require("publicKey"),
        u.require("presharedKey"), u.require("address"))).toList();
    try {
      Map<String, String> after = wg.add(peers);
      // A user's address moved to their new key (rotation): the old key's peer has no address left. Remove it.
      wg.remove(after.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey).toList());
      valid.forEach(u -> finals.forget(server.name(), u.username()));
      return new BatchResult(valid.stream().map(UserSpec::username).toList(), failed);
    } catch (OperationFailedException e) {
      return afterFailure(wg, valid, failed, e.getMessage(), true);
    }
  }

  @Override
  public BatchResult remove(ServerSpec server, List<UserSpec> users) {
    return applying(server, users, this::remove);
  }

  private BatchResult remove(ServerSpec server, WgControl wg, List<UserSpec> users) {
    Map<String, String> failed = new LinkedHashMap<>();
    List<UserSpec> valid = validOnly(users, failed);
    if (valid.isEmpty()) {
      return new BatchResult(List.of(), failed);
    }
    List<String> keys = new ArrayList<>(valid.stream().map(u -> u.require("publicKey")).toList());
    try {
      // the users' own keys go in the same round trip as the reading of the counts they leave behind
      WgControl.Snapshot snapshot = wg.snapshotThenRemove(keys);
      List<String> more = new ArrayList<>();
      for (UserSpec u : valid) {
        long[] t = snapshot.transfer().get(u.require("publicKey"));
        if (t != null) {
          finals.keep(server.name(), u.username(), t[0] + t[1]);
        }
        // a peer left on the user's address under another key (a rotation the server missed) goes too
        String address = u.require("address");
        snapshot.allowedIps().forEach((k, ip) -> {
          if (ip.equals(address) && !keys.contains(k) && !more.contains(k)) {
            more.add(k);
          }
        });
      }
      wg.remove(more);
      return new BatchResult(valid.stream().map(UserSpec::username).toList(), failed);
    } catch (OperationFailedException e) {
      return afterFailure(wg, valid, failed, e.getMessage(), false);
    }
  }

  @Override
  public List<String> present(ServerSpec server) {
    Map<String, String> byKey = new LinkedHashMap<>();
    ServerUsers.forEach(db, server.name(), false, u -> byKey.put(u.credentials().get("publicKey"), u.username()));
    return sockets.control(server).allowedIps().keySet().stream().map(byKey::get).filter(n -> n != null)
        .toList();
  }

  /** Reading the peers failed before anything was sent. */
  private static BatchResult noneApplied(List<UserSpec> users, OperationFailedException e) {
    Map<String, String> failed = new LinkedHashMap<>();
    users.forEach(u -> failed.put(u.username(), e.getMessage()));
    return new BatchResult(List.of(), failed);
  }

  private static List<UserSpec> validOnly(List<UserSpec> users, Map<String, String> failed) {
    List<UserSpec> valid = new ArrayList<>();
    for (UserSpec u : users) {
      if (!WgPeers.validKey(u.credentials().get("publicKey")) || !WgPeers.validKey(u.credentials().get("presharedKey"))
          || !WgPeers.validAddress(u.credentials().get("address"))) {
        failed.put(u.username(), "invalid WireGuard credentials (public key, preshared key or address)");
      } else {
        valid.add(u);
      }
    }
    return valid;
  }

  /** Which users the server shows in the wanted state after a failed command: those are applied. */
  private static BatchResult afterFailure(WgControl wg, List<UserSpec> users, Map<String, String> failed, String why,
                                          boolean wantPresent) {
    Map<String, String> now;
    try {
      now = wg.allowedIps();
    } catch (OperationFailedException e) {
      now = null;
    }
    List<String> applied = new ArrayList<>();
    for (UserSpec u : users) {
      boolean present = now != null && now.containsKey(u.require("publicKey"));
      if (now != null && present == wantPresent) {
        applied.add(u.username());
      } else {
        failed.put(u.username(), why);
      }
    }
    return new BatchResult(applied, failed);
  }
}
