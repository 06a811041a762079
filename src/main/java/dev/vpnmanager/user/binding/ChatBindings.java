package dev.vpnmanager.user.binding;

import dev.vpnmanager.domain.query.QChatBinding;
import dev.vpnmanager.chat.Platform;
import dev.vpnmanager.chat.router.Bindings;
import dev.vpnmanager.domain.ChatBinding;
import dev.vpnmanager.domain.VpnUser;
import io.ebean.Database;
import io.ebean.Transaction;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Every read and write of chat bindings (which chat belongs to which VPN user), except the cascade when a
 * user is deleted. A chat's reply language is not kept here: {@code LanguagePreferences} keeps it for bound
 * and unbound chats alike.
 */
@Singleton
public final class ChatBindings implements Bindings {
  /** A chat bound to a VPN user; {@code platform} is the platform code (telegram, matrix ...). */
  public record BoundChat(String platform, String chatId, String username) {
    public Optional<Platform> platformValue() {
      return Platform.fromCode(platform);
    }
  }

  private final Database db;

  @Inject
  public ChatBindings(Database db) {
    this.db = db;
  }

  @Override
  public boolean isBound(Platform platform, String chatId) {
    return new QChatBinding(db).platform.eq(platform.code()).chatId.eq(chatId).exists();
  }

  /** The VPN user this chat is bound to, if any. */
  public Optional<String> userOf(Platform platform, String chatId) {
    return new QChatBinding(db).fetch("user", "username").platform.eq(platform.code()).chatId.eq(chatId)
        .setMaxRows(1).findOneOrEmpty().map(b -> b.getUser().getUsername());
  }

  /** Binds the chat to the user in the caller's transaction (a chat bound before moves to this user). */
  public void bind(Transaction txn, String platform, String chatId, VpnUser user) {
    ChatBinding b = new QChatBinding(db).usingTransaction(txn).platform.eq(platform).chatId.eq(chatId).findOne();
    if (b == null) {
      b = new ChatBinding();
      b.setPlatform(platform);
      b.setChatId(chatId);
    }
    b.setUser(user);
    db.save(b, txn);
  }

  public List<BoundChat> all() {
    return new QChatBinding(db).fetch("user", "username").orderBy().id.asc().findList().stream()
        .map(ChatBindings::value).toList();
  }

  public List<BoundChat> ofUser(String username) {
    return new QChatBinding(db).fetch("user", "username").user.username.eq(username).orderBy().id.asc()
        .findList().stream().map(ChatBindings::value).toList();
  }

  private static BoundChat value(ChatBinding b) {
    return new BoundChat(b.getPlatform(), b.getChatId(), b.getUser().getUsername());
  }
}
