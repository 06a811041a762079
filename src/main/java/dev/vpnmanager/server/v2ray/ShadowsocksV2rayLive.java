package dev.vpnmanager.server.v2ray;

import dev.vpnmanager.domain.VpnUser;
import dev.vpnmanager.protocol.ServerSpec;
import dev.vpnmanager.protocol.UserSpec;
import dev.vpnmanager.server.live.BatchResult;
import dev.vpnmanager.server.live.LiveUsers;
import dev.vpnmanager.protocol.shadowsocks.ShadowsocksDriver;
import dev.vpnmanager.server.ServerSpecs;
import io.ebean.Database;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shadowsocks users on the v2ray core ({@code shadowsocks.core: v2ray}): one inbound per user ({@code ss-NAME} on
 * the user's own port), AddInbound/RemoveInbound. AddInbound never refuses, so this checks first: the user's old
 * inbound is removed (no duplicate tag) and the port must be free. Presence = something listens on the user's
 * port. The ss-libev core's entry in the shadowsocks map delegates here when the server's core is v2ray.
 */
public final class ShadowsocksV2rayLive implements LiveUsers {
  private final XrayApis apis;
  private final Database db;

  public ShadowsocksV2rayLive(XrayApis apis, Database db) {
    this.apis = apis;
    this.db = db;
  }

  @Override
  public BatchResult add(ServerSpec server, List<UserSpec> users) {
    XrayApi api = CoreApi.of(apis, server, "v2ray");
    List<String> applied = new ArrayList<>();
    Map<String, String> failed = new LinkedHashMap<>();
    for (UserSpec u : users) {
      int port = Integer.parseInt(u.require("port"));
      try {
        removeIfThere(api, u.username());
        if (!bindable(port)) {
          failed.put(u.username(), "port " + port + " is in use on the host");
          continue;
        }
        api.addInbound(Inbounds.shadowsocks(api.prefix(), ShadowsocksDriver.inboundTag(u.username()),
            server.setting("listen", "0.0.0.0"), port, u.username(), server.setting("method", "chacha20-ietf-poly1305"),
            u.require("password")));
        applied.add(u.username());
      } catch (XrayApiException e) {
        failed.put(u.username(), e.getMessage());
      }
    }
    return new BatchResult(applied, failed);
  }

  @Override
  public BatchResult remove(ServerSpec server, List<UserSpec> users) {
    XrayApi api = CoreApi.of(apis, server, "v2ray");
    List<String> applied = new ArrayList<>();
    Map<String, String> failed = new LinkedHashMap<>();
    for (UserSpec u : users) {
      try {
        removeIfThere(api, u.username());
        applied.add(u.username());
      } catch (XrayApiException e) {
        failed.put(u.username(), e.getMessage());
      }
    }
    return new BatchResult(applied, failed);
  }

  @Override
  public List<String> present(ServerSpec server) {
    List<String> out = new ArrayList<>();
    for (VpnUser u : db.find(VpnUser.class).where().eq("server.name", server.name()).findList()) {
      String port = ServerSpecs.userOf(u).credentials().get("port");
      if (port != null && listening(Integer.parseInt(port))) {
        out.add(u.getUsername());
      }
    }
    return out;
  }

  private static void removeIfThere(XrayApi api, String username) {
    try {
      api.removeInbound(ShadowsocksDriver.inboundTag(username));
    } catch (XrayApiException e) {
      if (!e.notFound()) {
        throw e;
      }
    }
  }

  private static boolean bindable(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
