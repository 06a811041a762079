package dev.vpnmanager.server.v2ray;

import dev.vpnmanager.server.ServerUsers;
import dev.vpnmanager.domain.VpnUser;
import dev.vpnmanager.node.NodeRuntimes;
import dev.vpnmanager.protocol.ServerSpec;
import dev.vpnmanager.protocol.UserSpec;
import dev.vpnmanager.server.live.BatchResult;
import dev.vpnmanager.server.live.LiveUsers;
import dev.vpnmanager.server.ServerSpecs;
import io.ebean.Database;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * HTTP or SOCKS5 accounts on a running core. Those inbounds are not user managers (v2ray 4.x, Xray 26), so a change
 * replaces the one inbound ({@code http-in}/{@code socks-in}, RemoveInbound + AddInbound on the same port) with
 * the accounts of the server's active users in the database, adjusted by the batch. Presence is probed with a
 * real proxy handshake per account ({@link ProxyProbe}).
 */
final class ProxyLive implements LiveUsers {
  private final XrayApis apis;
  private final Database db;
  private final String protocol;
  private final NodeRuntimes nodes;

  ProxyLive(XrayApis apis, Database db, String protocol, NodeRuntimes nodes) {
    this.apis = apis;
    this.db = db;
    this.protocol = protocol;
    this.nodes = nodes;
  }

  @Override
  public BatchResult add(ServerSpec server, List<UserSpec> users) {
    Map<String, String> accounts = activeAccounts(server);
    users.forEach(u -> accounts.put(u.require("username"), u.require("password")));
    return replace(server, accounts, users);
  }

  @Override
  public BatchResult remove(ServerSpec server, List<UserSpec> users) {
    Map<String, String> accounts = activeAccounts(server);
    Set<String> gone = users.stream().map(UserSpec::username).collect(Collectors.toSet());
    accounts.keySet().removeAll(gone);
    return replace(server, accounts, users);
  }

  @Override
  public List<String> present(ServerSpec server) {
    List<String> out = new ArrayList<>();
    String host = server.setting("listen", "0.0.0.0");
    host = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    if (!NodeRuntimes.isLocal(server)) {
      host = server.host();
    }
    for (VpnUser u : db.find(VpnUser.class).where().eq("server.name", server.name()).findList()) {
      UserSpec spec = ServerSpecs.userOf(u);
      if (ProxyProbe.accepts(protocol, host, server.port(), spec.require("username"), spec.require("password"))) {
        out.add(u.getUsername());
      }
    }
    return out;
  }

  private BatchResult replace(ServerSpec server, Map<String, String> given, List<UserSpec> users) {
    Map<String, String> accounts = dev.vpnmanager.protocol.proxy.ProxyDriver.withClosedDoor(protocol, given);
    if (!NodeRuntimes.isLocal(server)) {
      try {
        CoreApi.exec(nodes, server).replaceInbound(protocol + "-in", inboundJson(server, accounts));
        return new BatchResult(users.stream().map(UserSpec::username).toList(), Map.of());
      } catch (XrayApiException e) {
        Map<String, String> failed = new LinkedHashMap<>();
        users.forEach(u -> failed.put(u.username(), e.getMessage()));
        return new BatchResult(List.of(), failed);
      }
    }
    XrayApi api = CoreApi.of(apis, server, "xray");
    String tag = protocol + "-in";
    String listen = server.setting("listen", "0.0.0.0");
    byte[] inbound = protocol.equals("socks")
        ? Inbounds.socks(api.prefix(), tag, listen, server.port(), accounts)
        : Inbounds.http(api.prefix(), tag, listen, server.port(), accounts);
    try {
      try {
        api.removeInbound(tag);
      } catch (XrayApiException e) {
        if (!e.notFound()) {
          throw e;
        }
      }
      api.addInbound(inbound);
      return new BatchResult(users.stream().map(UserSpec::username).toList(), Map.of());
    } catch (XrayApiException e) {
      Map<String, String> failed = new LinkedHashMap<>();
      users.forEach(u -> failed.put(u.username(), e.getMessage()));
      return new BatchResult(List.of(), failed);
    }
  }

  /** The inbound as the server's rendered config has it, for {@code xray api adi}. */
  private com.fasterxml.jackson.databind.node.ObjectNode inboundJson(ServerSpec server, Map<String, String> accounts) {
    var in = dev.vpnmanager.config.Json.MAPPER.createObjectNode();
    in.put("tag", protocol + "-in").put("listen", server.setting("listen", "0.0.0.0")).put("port", server.port())
        .put("protocol", protocol);
    var settings = in.putObject("settings");
    if (protocol.equals("socks")) {
      settings.put("auth", "password").put("udp", false);
    } else {
      settings.put("allowTransparent", false);
    }
    var list = settings.putArray("accounts");
    accounts.forEach((user, pass) -> list.addObject().put("user", user).put("pass", pass));
    return in;
  }

  private Map<String, String> activeAccounts(ServerSpec server) {
    Map<String, String> out = new LinkedHashMap<>();
    for (UserSpec spec : ServerUsers.active(db, server.name())) {
      out.put(spec.require("username"), spec.require("password"));
    }
    return out;
  }
}
