package dev.vpnmanager.testing.telegram;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.app.DaggerAppComponent;

import dev.vpnmanager.chat.ChatTransport;
import dev.vpnmanager.chat.telegram.TelegramTransport;
import dev.vpnmanager.config.Settings;
import dev.vpnmanager.testing.FakeClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The whole bot for a test: the real graph on a SQLite file, the real TelegramBots client and long polling,
 * pointed (VPN_TELEGRAM_API_URL) at a {@link BotApiStandIn}. Chat 100 is the admin's private chat.
 */
public final class TelegramHarness implements AutoCloseable {
  public static final String TOKEN = "123456:TEST-secret-token";
  public static final long ADMIN = 100;
  public static final Duration WAIT = Duration.ofSeconds(10);

  public final BotApiStandIn api;
  public final FakeClock clock;
  public final AppComponent app;
  public final TelegramTransport transport;

  public TelegramHarness(Path dataDir) throws IOException {
    this(dataDir, Map.of());
  }

  public TelegramHarness(Path dataDir, Map<String, String> extra) throws IOException {
    api = new BotApiStandIn(TOKEN);
    clock = FakeClock.at("2026-01-01T00:00:00Z");
    Map<String, String> s = new HashMap<>(extra);
    s.put("data-dir", dataDir.toString());
    s.put("public-host", "vpn.example.test");
    s.put("telegram.token", TOKEN);
    s.put("telegram.api-url", api.url());
    s.put("admins", "telegram:" + ADMIN);
    app = DaggerAppComponent.builder().settings(Settings.of(s)).clock(clock).build();
    ChatTransport t = app.chatTransports().iterator().next();
    transport = (TelegramTransport) t;
    transport.start();
    app.outboxSender().start();
  }

  /** Sends a text as a person and waits for the bot's first new message to that chat. */
  public ApiRequest say(long chat, long user, String text) {
    int before = messagesTo(chat);
    api.pushText(chat, user, text, "en");
    return api.awaitCount("sendMessage", r -> r.chatId().equals(Long.toString(chat)), before + 1, WAIT)
        .get(before);
  }

  public ApiRequest admin(String text) {
    return say(ADMIN, ADMIN, text);
  }

  public int messagesTo(long chat) {
    return (int) api.requests("sendMessage").stream()
        .filter(r -> r.status() == 200 && r.chatId().equals(Long.toString(chat))).count();
  }

  @Override
  public void close() {
    app.outboxSender().stop();
    transport.close();
    app.outboxSender().release();
    api.close();
    app.database().shutdown(false, false);
  }
}
