package dev.vpnmanager.chat.i18n;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import dev.vpnmanager.chat.Platform;
import dev.vpnmanager.storage.StateStore;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * A chat's chosen reply language (/lang), kept in one place for every chat, bound or not: a state row (the
 * notifier reads it too). Without a choice, the platform's language code is used.
 */
@Singleton
public final class LanguagePreferences {
  /** The languages every message bundle has, in the order menus list them. */
  public static final List<String> LANGUAGES = List.of("en", "ru", "fa", "zh");
  public static final Set<String> SUPPORTED = Set.copyOf(LANGUAGES);
  private static final String NONE = "";
  private final StateStore state;
  /** Bounded: every chat that ever wrote would otherwise stay here for the life of the process. */
  private final Cache<String, String> cache = CacheBuilder.newBuilder().maximumSize(10_000).build();

  @Inject
  public LanguagePreferences(StateStore state) {
    this.state = state;
  }

  public Optional<String> of(Platform platform, String chatId) {
    String k = key(platform, chatId);
    String v = cache.getIfPresent(k);
    if (v == null) {
      v = state.get(k).orElse(NONE);
      cache.put(k, v);
    }
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
    state.put(k, language);
    cache.put(k, language);
  }

  /** Keeps the language a chat used when it was bound, unless the chat chose one already. */
  public void setIfAbsent(Platform platform, String chatId, String language) {
    if (language != null && of(platform, chatId).isEmpty()) {
      set(platform, chatId, language);
    }
  }

  private static String key(Platform platform, String chatId) {
    return "lang:" + platform.code() + ":" + chatId;
  }
}
