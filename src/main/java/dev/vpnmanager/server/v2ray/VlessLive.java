package dev.vpnmanager.server.v2ray;

import dev.vpnmanager.domain.VpnUser;
import dev.vpnmanager.node.NodeRuntimes;
import dev.vpnmanager.protocol.ServerSpec;
import dev.vpnmanager.protocol.UserSpec;
import dev.vpnmanager.server.live.BatchResult;
import dev.vpnmanager.server.live.LiveUsers;
import dev.vpnmanager.protocol.vless.VlessDriver;
import io.ebean.Database;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * VLESS users on a running core through {@code AlterInbound} on {@link VlessDriver#INBOUND_TAG}: email = user
 * name, a strictly typed VLESS account (never another protocol's account: that crashes the core). A batch is sent
 * as one burst of calls on the server's one channel.
 */
@Singleton
final class VlessLive implements LiveUsers {
  private final XrayApis apis;
  private final Database db;
  private final NodeRuntimes nodes;

  @Inject
  VlessLive(XrayApis apis, Database db, NodeRuntimes nodes) {
    this.apis = apis;
    this.db = db;
    this.nodes = nodes;
  }

  @Override
  public BatchResult add(ServerSpec server, List<UserSpec> users) {
    String flow = "xray".equals(server.setting("core", "xray")) ? server.setting("flow", "") : "";
    if (!NodeRuntimes.isLocal(server)) {
      Map<String, String[]> accounts = new LinkedHashMap<>();
      users.forEach(u -> accounts.put(u.username(), new String[] {u.require("uuid"), flow}));
      return result(users, CoreApi.exec(nodes, server).addVless(VlessDriver.INBOUND_TAG, server.port(), accounts),
          XrayApiException::alreadyExists);
    }
    XrayApi api = CoreApi.of(apis, server, "xray");
    Map<String, byte[]> accounts = new LinkedHashMap<>();
    users.forEach(u -> accounts.put(u.username(), api.vlessAccount(u.require("uuid"), flow)));
    return result(users, api.addUsers(VlessDriver.INBOUND_TAG, accounts), XrayApiException::alreadyExists);
  }

  @Override
  public BatchResult remove(ServerSpec server, List<UserSpec> users) {
    if (!NodeRuntimes.isLocal(server)) {
      return result(users, CoreApi.exec(nodes, server).removeUsers(VlessDriver.INBOUND_TAG,
          users.stream().map(UserSpec::username).toList()), XrayApiException::notFound);
    }
    XrayApi api = CoreApi.of(apis, server, "xray");
    return result(users, api.removeUsers(VlessDriver.INBOUND_TAG, users.stream().map(UserSpec::username).toList()),
        XrayApiException::notFound);
  }

  /**
   * Xray lists an inbound's users (GetInboundUsers). v2ray 4.x cannot, so each user the database knows for this
   * server is probed with an add under the user's e-mail but a random UUID nobody holds: "already exists" means
   * present; an add that succeeds is undone at once, and let no one in meanwhile (a cut-off user's own UUID is
   * never sent).
   */
  @Override
  public List<String> present(ServerSpec server) {
    if (!NodeRuntimes.isLocal(server)) {
      return CoreApi.exec(nodes, server).inboundUsers(VlessDriver.INBOUND_TAG);
    }
    XrayApi api = CoreApi.of(apis, server, "xray");
    if ("xray".equals(server.setting("core", "xray"))) {
      return api.inboundUsers(VlessDriver.INBOUND_TAG);
    }
    List<String> out = new ArrayList<>();
    for (VpnUser u : db.find(VpnUser.class).where().eq("server.name", server.name()).findList()) {
      try {
        api.addUser(VlessDriver.INBOUND_TAG, u.getUsername(), api.vlessAccount(UUID.randomUUID().toString(), ""));
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

  /** Applied unless failed; a failure that means "done already" (added twice, removed twice) counts as applied. */
  static BatchResult result(List<UserSpec> users, Map<String, XrayApiException> failures,
                                    Predicate<XrayApiException> alreadyDone) {
    List<String> applied = new ArrayList<>();
    Map<String, String> failed = new LinkedHashMap<>();
    for (UserSpec u : users) {
      XrayApiException e = failures.get(u.username());
      if (e == null || alreadyDone.test(e)) {
        applied.add(u.username());
      } else {
        failed.put(u.username(), e.getMessage());
      }
    }
    return new BatchResult(applied, failed);
  }
}
