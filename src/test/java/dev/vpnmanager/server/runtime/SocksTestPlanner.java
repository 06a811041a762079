package dev.vpnmanager.server.runtime;

import dev.vpnmanager.docker.ContainerSpec;
import dev.vpnmanager.docker.HealthSpec;
import dev.vpnmanager.domain.VpnServer;
import dev.vpnmanager.domain.VpnUser;
import io.ebean.Database;
import io.ebean.Transaction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A stand-in for a protocol's planner: a v2ray socks inbound on the server's port with one account per user of
 * the server, read from the database in the install transaction (the real planners render the protocol's config).
 */
final class SocksTestPlanner implements ContainerPlanner {
  private final Database db;
  private final List<String> transports;
  private final boolean crash;
  /** Seconds the core waits before it starts (a slow container: health comes late). */
  private final int startDelay;

  SocksTestPlanner(Database db, List<String> transports, boolean crash) {
    this(db, transports, crash, 0);
  }

  SocksTestPlanner(Database db, List<String> transports, boolean crash, int startDelay) {
    this.db = db;
    this.transports = transports;
    this.crash = crash;
    this.startDelay = startDelay;
  }

  @Override
  public List<String> transports() {
    return transports;
  }

  @Override
  public void plan(VpnServer server, Transaction txn, ContainerSpec.Builder container) {
    List<VpnUser> users = db.find(VpnUser.class).usingTransaction(txn).where().eq("server", server)
        .orderBy("username").findList();
    String accounts = users.stream().map(u -> "{\"user\":\"" + u.getUsername() + "\",\"pass\":\"pw\"}")
        .collect(Collectors.joining(","));
    String config = "{\"inbounds\":[{\"port\":" + server.getPort() + ",\"protocol\":\"socks\",\"settings\":"
        + "{\"auth\":\"password\",\"accounts\":[" + accounts + "]}}],\"outbounds\":[{\"protocol\":\"freedom\"}]}";
    container.file("/etc/v2ray/config.json", config.getBytes(StandardCharsets.UTF_8), 0600)
        .health(new HealthSpec(List.of("sh", "-c", "netstat -ltn | grep -q :" + server.getPort()),
            Duration.ofMillis(200), Duration.ofSeconds(2), 3, Duration.ofSeconds(5)));
    if (crash) {
      container.entrypoint("sh", "-c", "echo config is broken >&2; exit 3");
    } else if (startDelay > 0) {
      container.entrypoint("sh", "-c", "sleep " + startDelay + "; exec v2ray -config /etc/v2ray/config.json");
    } else {
      container.entrypoint("v2ray", "-config", "/etc/v2ray/config.json");
    }
  }
}
