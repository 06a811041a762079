package dev.vpnmanager.notify;

import dev.vpnmanager.chat.AdminAddress;
import dev.vpnmanager.chat.Admins;
import dev.vpnmanager.chat.ChatTransport;
import dev.vpnmanager.chat.Platform;
import dev.vpnmanager.chat.i18n.Dates;
import dev.vpnmanager.chat.i18n.LanguagePreferences;
import dev.vpnmanager.chat.i18n.Messages;
import dev.vpnmanager.chat.outbox.durable.OutboxStore;
import dev.vpnmanager.domain.OutboxMessage;
import dev.vpnmanager.storage.Tx;
import dev.vpnmanager.user.binding.ChatBindings;
import io.ebean.Transaction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Provider;
import javax.inject.Singleton;

/**
 * The {@link Notifier} over the durable outbox: users through the chats bound to them (each in its language),
 * admins (and the owner, the first admin) as persons on their platform. Only platforms with a configured
 * transport get messages; the texts are rendered when stored.
 */
@Singleton
public final class ChatNotifier implements Notifier {
  private final Provider<Set<ChatTransport>> transports;
  private volatile Set<Platform> platforms;
  private final List<AdminAddress> admins;
  private final ChatBindings bindings;
  private final LanguagePreferences languages;
  private final OutboxStore store;
  private final Tx tx;
  private final Messages messages = new Messages("notify");
  private final Dates dates;

  @Inject
  public ChatNotifier(Provider<Set<ChatTransport>> transports, Admins admins, ChatBindings bindings,
                      LanguagePreferences languages, OutboxStore store, Tx tx, Dates dates) {
    this.dates = dates;
    this.transports = transports;
    this.admins = admins.all();
    this.bindings = bindings;
    this.languages = languages;
    this.store = store;
    this.tx = tx;
  }

  /** An admin's language: the one their private chat with the bot chose (/lang), else the default. */
  private String adminLanguage(AdminAddress a) {
    for (ChatTransport t : transports.get()) {
      if (t.platform() == a.platform()) {
        return t.privateChatOf(a.userId()).flatMap(chat -> languages.of(a.platform(), chat))
            .orElse(Messages.DEFAULT_LANGUAGE);
      }
    }
    return Messages.DEFAULT_LANGUAGE;
  }

  /** The message in this language, its {@link When} arguments written as dates of that language. */
  private String text(String lang, String messageKey, Object... args) {
    Object[] shown = args.clone();
    for (int i = 0; i < shown.length; i++) {
      if (shown[i] instanceof When w) {
        shown[i] = switch (w.style()) {
          case DAY -> dates.day(java.time.LocalDate.parse(w.iso()), lang);
          case DATE -> dates.date(java.time.Instant.parse(w.iso()), lang);
          case EXPIRY -> dates.expiry(java.time.Instant.parse(w.iso()), lang);
        };
      }
    }
    return messages.get(lang, messageKey, shown);
  }

  /** Whether this platform has a configured transport (looked up once: the transports need the router). */
  private boolean on(Platform p) {
    if (platforms == null) {
      Set<Platform> ps = EnumSet.noneOf(Platform.class);
      transports.get().forEach(t -> ps.add(t.platform()));
      platforms = ps;
    }
    return platforms.contains(p);
  }

  private boolean isPrivate(Platform p, String chatId) {
    return transports.get().stream().anyMatch(t -> t.platform() == p && t.isPrivateChat(chatId));
  }

  @Override
  public int toUser(Transaction txn, String kind, String ref, String username, String messageKey, Object... args) {
    List<OutboxMessage> out = new ArrayList<>();
    for (ChatBindings.BoundChat b : bindings.ofUser(username)) {
      Platform p = b.platformValue().orElse(null);
      if (p != null && on(p)) {
        String lang = languages.of(p, b.chatId()).orElse(Messages.DEFAULT_LANGUAGE);
        out.add(OutboxStore.text(p, b.chatId(), false, kind, ref, text(lang, messageKey, args)));
      }
    }
    store.add(txn, out);
    return out.size();
  }

  @Override
  public int configToUser(Transaction txn, String username, String messageKey, Object... args) {
    List<OutboxMessage> out = new ArrayList<>();
    for (ChatBindings.BoundChat b : bindings.ofUser(username)) {
      Platform p = b.platformValue().orElse(null);
      // a config is a secret: only to private chats (a group bound by an older version gets none)
      if (p != null && on(p) && isPrivate(p, b.chatId())) {
        String lang = languages.of(p, b.chatId()).orElse(Messages.DEFAULT_LANGUAGE);
        out.add(OutboxStore.text(p, b.chatId(), false, OutboxStore.CONFIG, OutboxStore.configRef(username),
            text(lang, messageKey, args)));
      }
    }
    store.add(txn, out);
    return out.size();
  }

  @Override
  public int toAdmins(Transaction txn, String kind, String ref, String messageKey, Object... args) {
    List<OutboxMessage> out = new ArrayList<>();
    for (AdminAddress a : admins) {
      if (on(a.platform())) {
        out.add(OutboxStore.text(a.platform(), a.userId(), true, kind, ref,
            text(adminLanguage(a), messageKey, args)));
      }
    }
    store.add(txn, out);
    return out.size();
  }

  @Override
  public int documentToOwner(Transaction txn, String ref, Path file, String caption) {
    if (admins.isEmpty() || !on(admins.get(0).platform())) {
      return 0;
    }
    AdminAddress owner = admins.get(0);
    store.add(txn, List.of(OutboxStore.file(owner.platform(), owner.userId(), true, OutboxStore.BACKUP, ref,
        file.toAbsolutePath().toString(), caption)));
    return 1;
  }

  @Override
  public int broadcast(Transaction txn, String ref, String text, List<ChatBindings.BoundChat> to) {
    List<OutboxMessage> out = new ArrayList<>();
    for (ChatBindings.BoundChat b : to) {
      Platform p = b.platformValue().orElse(null);
      if (p != null && on(p)) {
        out.add(OutboxStore.text(p, b.chatId(), false, OutboxStore.BROADCAST, ref, text));
      }
    }
    store.add(txn, out);
    return out.size();
  }

  @Override
  public boolean messageToUser(String username, String messageKey, Object... args) {
    return tx.write(txn -> toUser(txn, OutboxStore.WARNING, null, username, messageKey, args)) > 0;
  }

  @Override
  public boolean messageToAdmins(String messageKey, Object... args) {
    return tx.write(txn -> toAdmins(txn, OutboxStore.ALERT, null, messageKey, args)) > 0;
  }
}
