package dev.vpnmanager.server.runtime;

import dev.vpnmanager.server.ServerUsers;
import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.domain.VpnServer;
import dev.vpnmanager.protocol.ProtocolDriver;
import dev.vpnmanager.protocol.UserSpec;
import dev.vpnmanager.server.ServerSpecs;
import io.ebean.Database;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a live change, rewrites the server's config file inside its running container from the database, so a
 * restart by the engine itself (a crash, a reboot: no re-render by the manager) still serves the users the
 * database holds. Done in the background, in order, so it adds nothing to a live change's latency; each write
 * renders what the database holds when it runs, so changes that come while a server's refresh still waits share
 * it. A failure is logged; the live change stands.
 */
public final class ConfigRefresh {
  private static final Logger LOG = LoggerFactory.getLogger(ConfigRefresh.class);
  private static final ExecutorService WRITER = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "config-refresh");
    t.setDaemon(true);
    return t;
  });

  /** Refreshes queued and not yet started, by server and path. */
  private static final java.util.Set<String> PENDING = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private ConfigRefresh() {}

  public static void write(ContainerRuntime runtime, Database db, ProtocolDriver driver, String server,
                           String containerId, String path) {
    write(runtime, db, driver, server, () -> containerId, path);
  }

  /** As above, the container looked up on the writer's thread (a live change that needed no lookup of its own). */
  public static void write(ContainerRuntime runtime, Database db, ProtocolDriver driver, String server,
                           Supplier<String> containerId, String path) {
    // one waiting refresh per server and file is enough: it renders what the database holds when it runs
    String key = server + "\n" + path;
    if (!PENDING.add(key)) {
      return;
    }
    WRITER.execute(() -> {
      PENDING.remove(key);
      writeNow(runtime, db, driver, server, containerId, path);
    });
  }

  /**
   * Waits until the refreshes asked for so far are written (the writer runs them in order), at most
   * {@code timeout}; true when they were. A CLI command calls this before it closes the database, so the
   * container's file holds its change when the command exits.
   */
  public static boolean awaitIdle(java.time.Duration timeout) {
    try {
      WRITER.submit(() -> { }).get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void writeNow(ContainerRuntime runtime, Database db, ProtocolDriver driver, String server,
                               Supplier<String> containerId, String path) {
    try {
      VpnServer s = db.find(VpnServer.class).where().eq("name", server).findOne();
      if (s == null) {
        return;
      }
      List<UserSpec> users = ServerUsers.active(db, server);
      String content = driver.serverConfig(ServerSpecs.of(s), users).content();
      runtime.putFile(containerId.get(), path, content.getBytes(StandardCharsets.UTF_8), 0600);
    } catch (RuntimeException e) {
      LOG.warn("could not refresh the config file of server {}: {}", server, e.getMessage());
    }
  }
}
