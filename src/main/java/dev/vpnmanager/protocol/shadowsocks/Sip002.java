package dev.vpnmanager.protocol.shadowsocks;

import dev.vpnmanager.protocol.Links;
import dev.vpnmanager.protocol.ServerSpec;
import dev.vpnmanager.protocol.UserSpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** SIP002 links: {@code ss://BASE64URL(method:password)@host:port#NAME} (Outline and most clients). */
public final class Sip002 {
  private Sip002() {}

  static String link(ServerSpec server, UserSpec user) {
    String userInfo = server.setting("method", ShadowsocksSettings.DEFAULT_METHOD) + ":" + user.require("password");
    return "ss://" + Base64.getUrlEncoder().withoutPadding().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8))
        + "@" + server.urlHost() + ":" + ShadowsocksSettings.clientPort(server, user::require) + "#" + Links.encode(user.username());
  }
}
