package dev.vpnmanager.chat.matrix;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.chat.ChatTransport;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.testing.matrix.FakeHomeserver;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** A real app graph on a SQLite file in {@code dir}, with its Matrix transport pointed at the stand-in. */
record MatrixBots(AppComponent app, MatrixTransport bot) implements AutoCloseable {
  static final String ADMIN = "@boss:" + FakeHomeserver.SERVER;
  static final String STRANGER = "@mallory:" + FakeHomeserver.SERVER;

  static MatrixBots start(Path dir, FakeHomeserver hs) throws InterruptedException {
    return start(dir, hs, Clock.systemUTC());
  }

  static MatrixBots start(Path dir, FakeHomeserver hs, Clock clock) throws InterruptedException {
    return start(dir, clock, Map.of("admins", "telegram:1,matrix:" + ADMIN, "matrix.homeserver", hs.url(),
        "matrix.user", FakeHomeserver.BOT, "matrix.password", FakeHomeserver.PASSWORD));
  }

  /** A bot with these settings (homeserver, account, admins). */
  static MatrixBots start(Path dir, Clock clock, Map<String, String> settings) throws InterruptedException {
    AppComponent app = TestApp.create(dir, clock, settings);
    ChatTransport t = app.chatTransports().stream().filter(x -> x instanceof MatrixTransport).findFirst()
        .orElseThrow();
    MatrixTransport bot = (MatrixTransport) t;
    bot.start();
    assertTrue(bot.awaitReady(Duration.ofSeconds(40)), "the bot signed in and caught up");
    app.outboxSender().start();
    return new MatrixBots(app, bot);
  }

  /** Waits until everything the bot queued has left (sends go through its outbox). */
  void awaitSent() {
    try {
      assertTrue(bot.outbox().awaitIdle(15_000), "the bot's outbox emptied");
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    app.outboxSender().stop();
    bot.close();
    app.outboxSender().release();
    app.database().shutdown();
  }
}
