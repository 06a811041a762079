package dev.vpnmanager.notify;

import dev.vpnmanager.chat.AdminAddress;
import dev.vpnmanager.chat.Admins;
import dev.vpnmanager.chat.ChatTransport;
import dev.vpnmanager.chat.Platform;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.chat.i18n.LanguagePreferences;
import dev.vpnmanager.chat.i18n.Messages;
import dev.vpnmanager.user.binding.ChatBindings;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Notifier} over every chat transport bound into {@code Set<ChatTransport>}: users through the chats
 * bound to them, admins (and the owner, the first admin) through {@code sendToUser} on their platform.
 * A recipient on a platform with no running transport is skipped; a transport that throws makes the call
 * report failure so alerts stay pending and are retried.
 */
@Singleton
public final class ChatNotifier implements Notifier {
  private static final Logger LOG = LoggerFactory.getLogger(ChatNotifier.class);
  private final Map<Platform, ChatTransport> transports = new EnumMap<>(Platform.class);
  private final List<AdminAddress> admins;
  private final ChatBindings bindings;
  private final LanguagePreferences languages;
  private final Messages messages = new Messages("notify");

  @Inject
  public ChatNotifier(Set<ChatTransport> transports, Admins admins, ChatBindings bindings,
                      LanguagePreferences languages) {
    transports.forEach(t -> this.transports.put(t.platform(), t));
    this.admins = admins.all();
    this.bindings = bindings;
    this.languages = languages;
  }

  @Override
  public void toUser(String username, String text) {
    toUserChats(username, lang -> Reply.text(text));
  }

  @Override
  public void toAdmins(String text) {
    toAdminChats(admins, lang -> Reply.text(text));
  }

  @Override
  public boolean messageToUser(String username, String messageKey, Object... args) {
    return toUserChats(username, lang -> Reply.text(messages.get(lang, messageKey, args)));
  }

  @Override
  public boolean messageToAdmins(String messageKey, Object... args) {
    return toAdminChats(admins, lang -> Reply.text(messages.get(lang, messageKey, args)));
  }

  @Override
  public boolean documentToOwner(byte[] content, String fileName, String caption) {
    return toAdminChats(admins.isEmpty() ? List.of() : admins.subList(0, 1),
        lang -> new Reply(List.of(new Reply.Document(content, fileName, caption))));
  }

  private boolean toUserChats(String username, Function<String, Reply> reply) {
    boolean ok = true;
    for (ChatBindings.BoundChat b : bindings.ofUser(username)) {
      Platform p = b.platformValue().orElse(null);
      ChatTransport t = p == null ? null : transports.get(p);
      if (t != null) {
        String lang = languages.of(p, b.chatId()).orElse(Messages.DEFAULT_LANGUAGE);
        ok &= attempt(() -> t.send(b.chatId(), reply.apply(lang)), "user " + username);
      }
    }
    return ok;
  }

  /** Each admin in the language their private chat with the bot chose (/lang), else the default language. */
  private boolean toAdminChats(List<AdminAddress> to, Function<String, Reply> reply) {
    boolean ok = true;
    for (AdminAddress a : to) {
      ChatTransport t = transports.get(a.platform());
      if (t != null) {
        String lang = t.privateChatOf(a.userId()).flatMap(chat -> languages.of(a.platform(), chat))
            .orElse(Messages.DEFAULT_LANGUAGE);
        ok &= attempt(() -> t.sendToUser(a.userId(), reply.apply(lang)), "admin " + a.platform().code());
      }
    }
    return ok;
  }

  private static boolean attempt(Runnable send, String who) {
    try {
      send.run();
      return true;
    } catch (RuntimeException e) {
      LOG.warn("cannot notify {}: {}", who, e.toString());
      return false;
    }
  }
}
