package dev.vpnmanager.chat.router;

import dev.vpnmanager.chat.Admins;
import dev.vpnmanager.chat.ChatUpdate;
import dev.vpnmanager.chat.Platform;
import javax.inject.Inject;
import javax.inject.Singleton;

/** Decides a caller's role: the console is the owner; VPN_ADMINS are admins; bound chats are users. */
@Singleton
public final class AccessPolicy {
  private final Admins admins;
  private final Bindings bindings;

  @Inject
  public AccessPolicy(Admins admins, Bindings bindings) {
    this.admins = admins;
    this.bindings = bindings;
  }

  public Role roleOf(ChatUpdate u) {
    if (u.platform() == Platform.CONSOLE) {
      return Role.OWNER;
    }
    if (admins.isAdmin(u.platform(), u.userId())) {
      return Role.ADMIN;
    }
    return u.privateChat() && bindings.isBound(u.platform(), u.chatId()) ? Role.USER : Role.ANYONE;
  }
}
