package dev.vpnmanager.user.binding;

import dev.vpnmanager.chat.Platform;
import dev.vpnmanager.domain.ChatBinding;
import io.ebean.Database;
import java.util.Optional;
import javax.inject.Inject;

/** The VPN user a chat is bound to, if any. */
public final class BoundUser {
  private final Database db;

  @Inject
  public BoundUser(Database db) {
    this.db = db;
  }

  public Optional<String> of(Platform platform, String chatId) {
    return db.find(ChatBinding.class).fetch("user", "username").where()
        .eq("platform", platform.code()).eq("chatId", chatId)
        .setMaxRows(1).findOneOrEmpty().map(b -> b.getUser().getUsername());
  }
}
