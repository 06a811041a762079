package dev.vpnmanager.server.shadowsocks;

import dev.vpnmanager.node.NodeRuntimes;
import dev.vpnmanager.server.v2ray.ShadowsocksV2rayLive;
import dev.vpnmanager.server.v2ray.ShadowsocksXrayLive;
import dev.vpnmanager.protocol.ServerSpec;
import dev.vpnmanager.protocol.UserSpec;
import dev.vpnmanager.server.live.BatchResult;
import dev.vpnmanager.server.live.LiveUsers;
import dev.vpnmanager.server.v2ray.XrayApis;
import io.ebean.Database;
import java.util.List;
import javax.inject.Inject;

/** Live Shadowsocks users through the server's own core: ss-manager, v2ray's inbound API, or Xray's users API. */
final class SsLiveByCore implements LiveUsers {
  private final ShadowsocksLive ssLibev;
  private final ShadowsocksV2rayLive v2ray;
  private final ShadowsocksXrayLive xray;

  @Inject
  SsLiveByCore(ShadowsocksLive ssLibev, XrayApis apis, Database db, NodeRuntimes nodes) {
    this.ssLibev = ssLibev;
    this.v2ray = new ShadowsocksV2rayLive(apis, db);
    this.xray = new ShadowsocksXrayLive(apis, nodes);
  }

  private LiveUsers of(ServerSpec server) {
    return switch (ShadowsocksCores.of(server)) {
      case ShadowsocksCores.V2RAY -> v2ray;
      case ShadowsocksCores.XRAY -> xray;
      default -> ssLibev;
    };
  }

  @Override
  public BatchResult add(ServerSpec server, List<UserSpec> users) {
    return of(server).add(server, users);
  }

  @Override
  public BatchResult remove(ServerSpec server, List<UserSpec> users) {
    return of(server).remove(server, users);
  }

  @Override
  public List<String> present(ServerSpec server) {
    return of(server).present(server);
  }
}
