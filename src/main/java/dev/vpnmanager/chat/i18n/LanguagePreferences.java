package dev.vpnmanager.chat.i18n;

import dev.vpnmanager.chat.Platform;
import dev.vpnmanager.domain.ChatBinding;
import dev.vpnmanager.domain.StateEntry;
import dev.vpnmanager.storage.Tx;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * A chat's chosen reply language (/lang): kept in the state table for any chat, and on the chat's binding
 * when it has one (where the notifier reads it). Without a choice, the platform's language code is used.
 */
@Singleton
public final class LanguagePreferences {
  public static final Set<String> SUPPORTED = Set.of("en", "ru");
  private static final String NONE = "";
  private final Tx tx;
  private final Map<String, String> cache = new ConcurrentHashMap<>();

  @Inject
  public LanguagePreferences(Tx tx) {
    this.tx = tx;
  }

  public Optional<String> of(Platform platform, String chatId) {
    String k = key(platform, chatId);
    String v = cache.computeIfAbsent(k, key -> {
      StateEntry e = tx.db().find(StateEntry.class).where().eq("key", key).findOne();
      return e == null || e.getValue() == null ? NONE : e.getValue();
    });
    return v.isEmpty() ? Optional.empty() : Optional.of(v);
  }

  /** The language to answer in: the chat's choice, else the platform's code if supported, else English. */
  public String resolve(Platform platform, String chatId, String platformLanguage) {
    return of(platform, chatId).orElseGet(() -> {
      String l = Messages.normalize(platformLanguage);
      return SUPPORTED.contains(l) ? l : Messages.DEFAULT_LANGUAGE;
    });
  }

  public void set(Platform platform, String chatId, String language) {
    String k = key(platform, chatId);
    tx.run(txn -> {
      StateEntry e = tx.db().find(StateEntry.class).usingTransaction(txn).where().eq("key", k).findOne();
      if (e == null) {
        e = new StateEntry();
        e.setKey(k);
      }
      e.setValue(language);
      tx.db().save(e, txn);
      for (ChatBinding b : tx.db().find(ChatBinding.class).usingTransaction(txn).where()
          .eq("platform", platform.code()).eq("chatId", chatId).findList()) {
        b.setLanguage(language);
        tx.db().update(b, txn);
      }
    });
    cache.put(k, language);
  }

  private static String key(Platform platform, String chatId) {
    return "lang:" + platform.code() + ":" + chatId;
  }
}
