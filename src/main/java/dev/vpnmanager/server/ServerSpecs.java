package dev.vpnmanager.server;

import dev.vpnmanager.domain.VpnServer;
import dev.vpnmanager.domain.VpnUser;
import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.protocol.ServerSpec;
import dev.vpnmanager.protocol.UserSpec;

/** Database rows as the values protocol drivers work on. */
public final class ServerSpecs {
  private ServerSpecs() {}

  public static ServerSpec of(VpnServer s) {
    return new ServerSpec(s.getName(), s.getProtocol(), s.getHost(), s.getPort(),
        Credentials.fromJson(s.getSettings()));
  }

  public static UserSpec userOf(VpnUser u) {
    return new UserSpec(u.getUsername(), Credentials.fromJson(u.getCredentials()));
  }
}
