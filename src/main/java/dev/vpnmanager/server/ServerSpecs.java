package dev.vpnmanager.server;

import dev.vpnmanager.domain.VpnServer;
import dev.vpnmanager.domain.VpnUser;
import dev.vpnmanager.node.NodeRuntimes;
import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.protocol.ServerSpec;
import dev.vpnmanager.protocol.UserSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/** Database rows as the values protocol drivers work on. */
public final class ServerSpecs {
  private ServerSpecs() {}

  /** A remote server's spec carries its node under {@link NodeRuntimes#SPEC_KEY}; a local one exactly its settings. */
  public static ServerSpec of(VpnServer s) {
    Credentials settings = Credentials.fromJson(s.getSettings());
    if (!NodeRuntimes.isLocal(s.getNode())) {
      Map<String, String> withNode = new LinkedHashMap<>(settings.values());
      withNode.put(NodeRuntimes.SPEC_KEY, s.getNode());
      settings = new Credentials(withNode);
    }
    return new ServerSpec(s.getName(), s.getProtocol(), s.getHost(), s.getPort(), settings);
  }

  public static UserSpec userOf(VpnUser u) {
    return new UserSpec(u.getUsername(), Credentials.fromJson(u.getCredentials()));
  }
}
