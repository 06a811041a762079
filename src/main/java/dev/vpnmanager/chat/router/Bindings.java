package dev.vpnmanager.chat.router;

import dev.vpnmanager.chat.Platform;

/** Whether a chat is bound to a VPN user; implemented by the user feature, so chat needs no feature import. */
public interface Bindings {
  boolean isBound(Platform platform, String chatId);
}
