package dev.vpnmanager.chat.outbox.durable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.testing.ServeProcess;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.testing.telegram.ApiRequest;
import dev.vpnmanager.testing.telegram.BotApiStandIn;
import dev.vpnmanager.testing.telegram.TelegramHarness;
import dev.vpnmanager.user.NewUser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a real {@code serve} three times while a broadcast to 300 bound chats is on its way, against the Bot
 * API stand-in (Telegram's rate limits enforced): after the last start every chat has the broadcast, nothing is a
 * dead letter, and a chat gets it twice only when the kill fell between the platform's accept and the outbox's
 * record of it (Telegram has no idempotency key for sendMessage): at most one chat per kill, counted here.
 */
class KilledBroadcastTest {
  static final int CHATS = 300;
  static final int KILLS = 3;
  static final String TEXT = "Maintenance tonight, broadcast to every bound chat";
  @TempDir Path dir;

  @Test
  void serveKilledThreeTimesMidBroadcastDeliversToEveryChatWithAtMostOneDuplicatePerKill() throws Exception {
    Path data = dir.resolve("data");
    AppComponent app = TestApp.create(data);
    for (int i = 0; i < CHATS; i++) {
      app.users().add(Actor.cli(), new NewUser("user" + i, "vless", null, 0, null, null, null));
      String token = app.invites().create(Actor.cli(), "user" + i);
      app.invites().redeem(Actor.cli(), "telegram", Long.toString(10_000 + i), token);
    }
    app.database().shutdown();

    try (BotApiStandIn api = new BotApiStandIn(TelegramHarness.TOKEN);
         ServeProcess serve = new ServeProcess(data, dir, Map.of("VPN_TELEGRAM_TOKEN", TelegramHarness.TOKEN,
             "VPN_TELEGRAM_API_URL", api.url(), "VPN_ADMINS", "telegram:100"))) {
      serve.start();
      api.pushText(100, 100, "/broadcast " + TEXT, "en");
      ApiRequest ask = api.await("sendMessage", r -> r.chatId().equals("100") && r.text().contains("bound chats"),
          Duration.ofSeconds(30));
      assertTrue(ask.text().contains(CHATS + " bound chats"), ask.text());
      api.pushCallback(100, 100, 3, ask.button("Send"));
      for (int k = 1; k <= KILLS; k++) {
        // each kill lands at a different point of the broadcast, while messages are leaving
        api.awaitCount("sendMessage", KilledBroadcastTest::broadcast, k * CHATS / (KILLS + 1), Duration.ofSeconds(90));
        serve.kill9();
        serve.start();
      }
      List<ApiRequest> got = api.awaitCount("sendMessage", KilledBroadcastTest::broadcast, CHATS,
          Duration.ofSeconds(120));
      // let anything still on its way arrive before counting
      Thread.sleep(3000);
      got = api.requests("sendMessage").stream().filter(r -> r.status() == 200).filter(KilledBroadcastTest::broadcast)
          .toList();
      Map<String, Integer> perChat = new HashMap<>();
      got.forEach(r -> perChat.merge(r.chatId(), 1, Integer::sum));
      for (int i = 0; i < CHATS; i++) {
        assertTrue(perChat.getOrDefault(Long.toString(10_000 + i), 0) >= 1, "chat " + (10_000 + i) + " got nothing");
      }
      long duplicates = perChat.values().stream().mapToInt(n -> n - 1).sum();
      System.out.println("KilledBroadcastTest: " + CHATS + " chats, " + KILLS + " kills, " + got.size()
          + " messages accepted, " + duplicates + " duplicates");
      assertTrue(duplicates <= KILLS, "at most one duplicate per kill: " + duplicates + " in " + perChat);
      assertTrue(serve.logs().contains("outbox: resuming"), "a restart resumed the killed run's messages at once");
      AppComponent after = TestApp.create(data);
      OutboxStore.Counts counts = after.outboxStore().counts();
      assertEquals(0, counts.dead(), "no dead letters: " + counts);
      assertEquals(0, counts.pending(), "nothing waits: " + counts);
      after.database().shutdown();
    }
  }

  private static boolean broadcast(ApiRequest r) {
    return r.chatId().startsWith("1") && r.chatId().length() == 5 && TEXT.equals(r.text());
  }
}
