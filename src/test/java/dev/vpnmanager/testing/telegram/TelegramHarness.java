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
import java.util.List;
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
  private volatile boolean badRequestsExpected;

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
    s.putIfAbsent("http.listen", "127.0.0.1:0");
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

  /** This test provokes refusals on purpose; otherwise closing fails the test on any 400 the bot drew. */
  public void expectBadRequests() {
    badRequestsExpected = true;
  }

  /**
   * Stops the bot, then fails when it made a call the real Bot API would have refused as malformed (400): the
   * strict stand-in checks every text, caption, keyboard and edit of every Telegram test this way.
   */
  @Override
  public void close() {
    try {
      app.outboxSender().stop();
      transport.close();
      app.outboxSender().release();
      app.webServer().close();
    } finally {
      api.close();
      app.database().shutdown(false, false);
    }
    List<String> bad = api.requests().stream().filter(r -> r.status() == 400)
        .map(r -> r.method() + " " + r.params()).toList();
    if (!badRequestsExpected && !bad.isEmpty()) {
      throw new AssertionError("the Bot API would refuse these calls: " + bad);
    }
  }
}
