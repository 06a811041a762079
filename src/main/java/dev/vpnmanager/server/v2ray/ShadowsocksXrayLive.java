package dev.vpnmanager.server.v2ray;

import dev.vpnmanager.node.NodeRuntimes;
import dev.vpnmanager.protocol.ServerSpec;
import dev.vpnmanager.protocol.UserSpec;
import dev.vpnmanager.protocol.shadowsocks.ShadowsocksDriver;
import dev.vpnmanager.server.live.BatchResult;
import dev.vpnmanager.server.live.LiveUsers;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Shadowsocks users on the Xray core ({@code shadowsocks.core: xray}): clients of the one multi-user inbound
 * {@link ShadowsocksDriver#XRAY_INBOUND_TAG} on the server's port, added and removed with {@code AlterInbound} as
 * VLESS users are (email = user name, a typed Shadowsocks account with the user's password and the server's
 * cipher). Locally over the API socket in one burst of calls; on a remote node by one {@code xray api adu/rmu}
 * exec per batch. Presence is the inbound's own user list. Xray's Shadowsocks inbound does not refuse a second
 * user under the same e-mail (a later removal would take out only one of the two), so an add first asks which
 * users are there and sends only the others: a user already present counts as added.
 */
public final class ShadowsocksXrayLive implements LiveUsers {
  private final XrayApis apis;
  private final NodeRuntimes nodes;

  public ShadowsocksXrayLive(XrayApis apis, NodeRuntimes nodes) {
    this.apis = apis;
    this.nodes = nodes;
  }

  @Override
  public BatchResult add(ServerSpec server, List<UserSpec> users) {
    String method = server.setting("method", ShadowsocksDriver.DEFAULT_METHOD);
    Set<String> there = new HashSet<>(present(server));
    List<UserSpec> missing = users.stream().filter(u -> !there.contains(u.username())).toList();
    if (missing.isEmpty()) {
      return VlessLive.result(users, Map.of(), e -> true);
    }
    if (remote(server)) {
      Map<String, String> passwords = new LinkedHashMap<>();
      missing.forEach(u -> passwords.put(u.username(), u.require("password")));
      return VlessLive.result(users, CoreApi.exec(nodes, server).addShadowsocks(ShadowsocksDriver.XRAY_INBOUND_TAG,
          server.port(), method, passwords), e -> false);
    }
    XrayApi api = CoreApi.of(apis, server, "xray");
    Map<String, byte[]> accounts = new LinkedHashMap<>();
    missing.forEach(u -> accounts.put(u.username(), XrayApi.shadowsocksAccount(u.require("password"), method)));
    return VlessLive.result(users, api.addUsers(ShadowsocksDriver.XRAY_INBOUND_TAG, accounts), e -> false);
  }

  @Override
  public BatchResult remove(ServerSpec server, List<UserSpec> users) {
    List<String> names = users.stream().map(UserSpec::username).toList();
    if (remote(server)) {
      return VlessLive.result(users, CoreApi.exec(nodes, server).removeUsers(ShadowsocksDriver.XRAY_INBOUND_TAG,
          names), XrayApiException::notFound);
    }
    return VlessLive.result(users, CoreApi.of(apis, server, "xray").removeUsers(ShadowsocksDriver.XRAY_INBOUND_TAG,
        names), XrayApiException::notFound);
  }

  @Override
  public List<String> present(ServerSpec server) {
    return remote(server) ? CoreApi.exec(nodes, server).inboundUsers(ShadowsocksDriver.XRAY_INBOUND_TAG)
        : CoreApi.of(apis, server, "xray").inboundUsers(ShadowsocksDriver.XRAY_INBOUND_TAG);
  }

  private boolean remote(ServerSpec server) {
    return nodes != null && !NodeRuntimes.isLocal(server);
  }
}
