package dev.vpnmanager.server.shadowsocks;

import dev.vpnmanager.server.ServerUsers;
import dev.vpnmanager.common.OperationFailedException;
import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.protocol.ServerSpec;
import dev.vpnmanager.protocol.UserSpec;
import dev.vpnmanager.server.live.BatchResult;
import dev.vpnmanager.server.live.LiveUsers;
import dev.vpnmanager.protocol.shadowsocks.ShadowsocksDriver;
import dev.vpnmanager.server.runtime.ConfigRefresh;
import dev.vpnmanager.server.runtime.FinalCounts;
import dev.vpnmanager.server.runtime.ManagedContainer;
import io.ebean.Database;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Live Shadowsocks users on ss-libev: ss-manager {@code add:}/{@code remove:} of the user's own port. A port
 * already served with the user's password counts as applied; with another password (rotated) it is replaced.
 * ss-manager's own port is refused (adding it answers ok and breaks the API). ss-manager answers before its
 * ss-server listens, so an add waits (briefly) until the port accepts connections. Removal reads the stats first.
 */
@Singleton
public final class ShadowsocksLive implements LiveUsers {
  private final ContainerRuntime runtime;
  private final Database db;
  private final FinalCounts removed;
  private final ShadowsocksDriver driver;

  @Inject
  public ShadowsocksLive(ContainerRuntime runtime, Database db, FinalCounts removed, ShadowsocksDriver driver) {
    this.runtime = runtime;
    this.db = db;
    this.removed = removed;
    this.driver = driver;
  }

  /** The config file a restart by the engine reads, rewritten from the database after each change. */
  private void refresh(ServerSpec server) {
    ConfigRefresh.write(runtime, db, driver, server.name(), ManagedContainer.name(server.name()), SsPlanner.CONF);
  }

  @Override
  public BatchResult add(ServerSpec server, List<UserSpec> users) {
    SsServer ss = SsServer.of(server);
    List<String> applied = new ArrayList<>();
    Map<String, String> failed = new LinkedHashMap<>();
    Map<String, Integer> started = new LinkedHashMap<>();
    try (SsManager api = ss.connect(runtime)) {
      Map<Integer, String> served = api.list();
      for (UserSpec u : users) {
        Integer port = port(u, ss, failed);
        if (port == null) {
          continue;
        }
        String password = u.require("password");
        if (password.equals(served.get(port))) {
          applied.add(u.username());
          continue;
        }
        String why = served.containsKey(port) ? replace(api, port, password, ss.method())
            : api.add(port, password, ss.method());
        if (why.equals("ok")) {
          applied.add(u.username());
          started.put(u.username(), port);
          removed.forget(server.name(), u.username());
        } else {
          failed.put(u.username(), "ss-manager refused port " + port + ": " + why);
        }
      }
      Listening.await(ss.listen(), started, applied, failed);
    } catch (OperationFailedException e) {
      unfinished(users, applied, failed, e);
    }
    refresh(server);
    return new BatchResult(applied, failed);
  }

  /** A rotated password: the old ss-server goes, and its port is free again a moment later. */
  private static String replace(SsManager api, int port, String password, String method) {
    api.remove(port);
    String why = api.add(port, password, method);
    for (int i = 0; i < 20 && !why.equals("ok"); i++) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      why = api.add(port, password, method);
    }
    return why;
  }

  @Override
  public BatchResult remove(ServerSpec server, List<UserSpec> users) {
    SsServer ss = SsServer.of(server);
    List<String> applied = new ArrayList<>();
    Map<String, String> failed = new LinkedHashMap<>();
    try (SsManager api = ss.connect(runtime)) {
      Map<Integer, Long> stat = api.stat();
      for (UserSpec u : users) {
        Integer port = port(u, ss, failed);
        if (port == null) {
          continue;
        }
        if (stat.containsKey(port)) {
          removed.keep(server.name(), u.username(), stat.get(port));
        }
        String why = api.remove(port);
        if (why.equals("ok")) {
          applied.add(u.username());
        } else {
          failed.put(u.username(), "ss-manager did not remove port " + port + ": " + why);
        }
      }
    } catch (OperationFailedException e) {
      unfinished(users, applied, failed, e);
    }
    refresh(server);
    return new BatchResult(applied, failed);
  }

  @Override
  public List<String> present(ServerSpec server) {
    SsServer ss = SsServer.of(server);
    Map<Integer, Long> stat;
    try (SsManager api = ss.connect(runtime)) {
      stat = api.stat();
    }
    List<String> out = new ArrayList<>();
    ServerUsers.forEach(db, server.name(), false, u -> {
      String p = u.credentials().get("port");
      if (p != null && p.matches("\\d{1,5}") && stat.containsKey(Integer.parseInt(p))) {
        out.add(u.username());
      }
    });
    return out;
  }

  /** The user's port, or null (and a failure recorded) when it is missing, ss-manager's own, or out of range. */
  private static Integer port(UserSpec u, SsServer ss, Map<String, String> failed) {
    String p = u.credentials().get("port");
    if (p == null || !p.matches("\\d{1,5}")) {
      failed.put(u.username(), "no valid port in the user's credentials");
      return null;
    }
    int port = Integer.parseInt(p);
    if (port == ss.apiPort()) {
      failed.put(u.username(), "port " + port + " is ss-manager's own API port");
      return null;
    }
    if (!ss.inUserPorts(port)) {
      failed.put(u.username(), "port " + port + " is outside the server's user ports " + ss.firstUserPort() + "-"
          + ss.lastUserPort());
      return null;
    }
    return port;
  }

  private static void unfinished(List<UserSpec> users, List<String> applied, Map<String, String> failed,
                                 OperationFailedException e) {
    for (UserSpec u : users) {
      if (!applied.contains(u.username()) && !failed.containsKey(u.username())) {
        failed.put(u.username(), e.getMessage());
      }
    }
  }
}
