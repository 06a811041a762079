package dev.vpnmanager.chat;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.inject.Inject;
import javax.inject.Singleton;

/** The bot's own name on each running platform (Telegram's username from getMe), for invite links. */
@Singleton
public final class BotNames {
  private final Map<Platform, String> names = new ConcurrentHashMap<>();

  @Inject
  public BotNames() {}

  public void set(Platform platform, String name) {
    names.put(platform, name);
  }

  public Optional<String> of(Platform platform) {
    return Optional.ofNullable(names.get(platform));
  }
}
