package dev.vpnmanager.user.binding;

import dev.vpnmanager.chat.Platform;
import dev.vpnmanager.chat.router.Bindings;
import dev.vpnmanager.domain.ChatBinding;
import io.ebean.Database;
import javax.inject.Inject;

/** Chat bindings as the router sees them: is this chat bound to a VPN user? */
public final class BoundChats implements Bindings {
  private final Database db;

  @Inject
  public BoundChats(Database db) {
    this.db = db;
  }

  @Override
  public boolean isBound(Platform platform, String chatId) {
    return db.find(ChatBinding.class).where().eq("platform", platform.code()).eq("chatId", chatId).exists();
  }
}
