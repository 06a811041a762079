package dev.vpnmanager.chat.router;

import dev.vpnmanager.chat.ChatUpdate;
import dev.vpnmanager.chat.Platform;
import dev.vpnmanager.config.ConfigKeys;
import dev.vpnmanager.config.Settings;
import java.util.Set;
import java.util.stream.Collectors;
import javax.inject.Inject;
import javax.inject.Singleton;

/** Decides a caller's role: the console is the owner; VPN_ADMINS are admins; bound chats are users. */
@Singleton
public final class AccessPolicy {
  private final Set<String> admins;
  private final Bindings bindings;

  @Inject
  public AccessPolicy(Settings settings, Bindings bindings) {
    this.admins = settings.list(ConfigKeys.ADMINS).stream().collect(Collectors.toUnmodifiableSet());
    this.bindings = bindings;
  }

  public Role roleOf(ChatUpdate u) {
    if (u.platform() == Platform.CONSOLE) {
      return Role.OWNER;
    }
    if (u.userId() != null && admins.contains(u.platform().code() + ":" + u.userId())) {
      return Role.ADMIN;
    }
    return bindings.isBound(u.platform(), u.chatId()) ? Role.USER : Role.ANYONE;
  }
}
