package dev.vpnmanager.server.v2ray;

import dev.vpnmanager.domain.VpnUser;
import dev.vpnmanager.protocol.ServerSpec;
import dev.vpnmanager.protocol.UserSpec;
import dev.vpnmanager.server.live.BatchResult;
import dev.vpnmanager.server.live.LiveUsers;
import dev.vpnmanager.protocol.vless.VlessDriver;
import dev.vpnmanager.server.ServerSpecs;
import io.ebean.Database;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * VLESS users on a running core through {@code AlterInbound} on {@link VlessDriver#INBOUND_TAG}: email = user
 * name, a strictly typed VLESS account (never another protocol's account: that crashes the core).
 */
@Singleton
final class VlessLive implements LiveUsers {
  private final XrayApis apis;
  private final Database db;

  @Inject
  VlessLive(XrayApis apis, Database db) {
    this.apis = apis;
    this.db = db;
  }

  @Override
  public BatchResult add(ServerSpec server, List<UserSpec> users) {
    XrayApi api = CoreApi.of(apis, server, "xray");
    String flow = "xray".equals(server.setting("core", "xray")) ? server.setting("flow", "") : "";
    List<String> applied = new ArrayList<>();
    Map<String, String> failed = new LinkedHashMap<>();
    for (UserSpec u : users) {
      try {
        api.addUser(VlessDriver.INBOUND_TAG, u.username(), api.vlessAccount(u.require("uuid"), flow));
        applied.add(u.username());
      } catch (XrayApiException e) {
        record(e, e.alreadyExists(), u, applied, failed);
      }
    }
    return new BatchResult(applied, failed);
  }

  @Override
  public BatchResult remove(ServerSpec server, List<UserSpec> users) {
    XrayApi api = CoreApi.of(apis, server, "xray");
    List<String> applied = new ArrayList<>();
    Map<String, String> failed = new LinkedHashMap<>();
    for (UserSpec u : users) {
      try {
        api.removeUser(VlessDriver.INBOUND_TAG, u.username());
        applied.add(u.username());
      } catch (XrayApiException e) {
        record(e, e.notFound(), u, applied, failed);
      }
    }
    return new BatchResult(applied, failed);
  }

  /**
   * v2ray 4.x cannot list an inbound's users, so each user the database knows for this server is probed: an add
   * that answers "already exists" means present; one that succeeds is undone at once (absent).
   */
  @Override
  public List<String> present(ServerSpec server) {
    XrayApi api = CoreApi.of(apis, server, "xray");
    List<String> out = new ArrayList<>();
    for (VpnUser u : db.find(VpnUser.class).where().eq("server.name", server.name()).findList()) {
      UserSpec spec = ServerSpecs.of(u);
      try {
        api.addUser(VlessDriver.INBOUND_TAG, u.getUsername(), api.vlessAccount(spec.require("uuid"), ""));
        api.removeUser(VlessDriver.INBOUND_TAG, u.getUsername());
      } catch (XrayApiException e) {
        if (!e.alreadyExists()) {
          throw e;
        }
        out.add(u.getUsername());
      }
    }
    return out;
  }

  private static void record(XrayApiException e, boolean alreadyDone, UserSpec u, List<String> applied,
                             Map<String, String> failed) {
    if (alreadyDone) {
      applied.add(u.username());
    } else {
      failed.put(u.username(), e.getMessage());
    }
  }
}
