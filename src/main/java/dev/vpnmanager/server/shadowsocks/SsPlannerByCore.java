package dev.vpnmanager.server.shadowsocks;

import dev.vpnmanager.docker.ContainerSpec;
import dev.vpnmanager.domain.VpnServer;
import dev.vpnmanager.server.v2ray.V2rayPlanner;
import dev.vpnmanager.protocol.shadowsocks.ShadowsocksDriver;
import dev.vpnmanager.server.runtime.ApiSockets;
import dev.vpnmanager.server.runtime.ContainerPlanner;
import io.ebean.Database;
import io.ebean.Transaction;
import java.util.List;
import javax.inject.Inject;

/** The container of a Shadowsocks server for its core: ss-manager (ss-libev), v2ray or Xray. */
final class SsPlannerByCore implements ContainerPlanner {
  private final SsPlanner ssLibev;
  private final V2rayPlanner v2ray;

  @Inject
  SsPlannerByCore(SsPlanner ssLibev, Database db, ShadowsocksDriver driver, ApiSockets sockets) {
    this.ssLibev = ssLibev;
    this.v2ray = new V2rayPlanner(db, driver, sockets);
  }

  /** Every core listens on TCP and UDP at the server's port (the v2ray and Xray inbounds accept both). */
  @Override
  public List<String> transports() {
    return List.of("tcp", "udp");
  }

  @Override
  public void plan(VpnServer server, Transaction txn, ContainerSpec.Builder container) {
    // the v2ray planner runs either v2ray-family core: v2ray 4 (a shell, root) or Xray (distroless, non-root)
    (ShadowsocksCores.SS_LIBEV.equals(ShadowsocksCores.of(server)) ? ssLibev : v2ray).plan(server, txn, container);
  }
}
