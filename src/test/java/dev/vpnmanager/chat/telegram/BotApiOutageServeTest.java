package dev.vpnmanager.chat.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.chat.outbox.durable.OutboxStore;
import dev.vpnmanager.testing.ServeProcess;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.testing.telegram.ApiRequest;
import dev.vpnmanager.testing.telegram.BotApiStandIn;
import dev.vpnmanager.testing.telegram.TelegramHarness;
import dev.vpnmanager.user.NewUser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Bot API answers every sendMessage with 429, 502 and 500 in turn for a minute while a real {@code serve}
 * broadcasts to 40 chats and an admin asks for /help: afterwards every chat has the broadcast exactly once, the admin has the answer, and
 * nothing is a dead letter.
 */
class BotApiOutageServeTest {
  static final int CHATS = 40;
  static final String TEXT = "Planned maintenance, sent through an outage";
  @TempDir Path dir;

  @Test
  void a429And5xxOutageLosesNothingDuplicatesNothingAndKillsNoLetter() throws Exception {
    Path data = dir.resolve("data");
    AppComponent app = TestApp.create(data);
    for (int i = 0; i < CHATS; i++) {
      app.users().add(Actor.cli(), new NewUser("user" + i, "vless", null, 0, null, null, null));
      app.invites().redeem(Actor.cli(), "telegram", Long.toString(20_000 + i), app.invites().create(Actor.cli(),
          "user" + i));
    }
    app.database().shutdown();
    try (BotApiStandIn api = new BotApiStandIn(TelegramHarness.TOKEN);
         ServeProcess serve = new ServeProcess(data, dir, Map.of("VPN_TELEGRAM_TOKEN", TelegramHarness.TOKEN,
             "VPN_TELEGRAM_API_URL", api.url(), "VPN_ADMINS", "telegram:100"))) {
      serve.start();
      api.pushText(100, 100, "/broadcast " + TEXT, "en");
      ApiRequest ask = api.await("sendMessage", r -> r.chatId().equals("100") && r.text().contains("bound chats"),
          Duration.ofSeconds(30));
      api.outage("sendMessage", Duration.ofSeconds(60));
      api.pushCallback(100, 100, 3, ask.button("Send"));
      Thread.sleep(2000);
      api.pushText(100, 100, "/help", "en");
      api.await("sendMessage", r -> r.chatId().equals("100") && r.text().contains("/users"), Duration.ofSeconds(240));
      api.awaitCount("sendMessage", BotApiOutageServeTest::broadcast, CHATS, Duration.ofSeconds(240));
      Thread.sleep(3000);
      Map<String, Integer> perChat = new HashMap<>();
      api.requests("sendMessage").stream().filter(r -> r.status() == 200).filter(BotApiOutageServeTest::broadcast)
          .forEach(r -> perChat.merge(r.chatId(), 1, Integer::sum));
      assertEquals(CHATS, perChat.size());
      assertTrue(perChat.values().stream().allMatch(n -> n == 1), "each chat once: " + perChat);
      long refused = api.requests("sendMessage").stream().filter(r -> r.status() != 200).count();
      assertTrue(refused >= 3, "the outage was met: " + refused + " refusals");
      AppComponent after = TestApp.create(data);
      OutboxStore.Counts counts = after.outboxStore().counts();
      assertEquals(0, counts.dead(), "no dead letters for a transient outage: " + counts);
      assertEquals(0, counts.pending(), "" + counts);
      after.database().shutdown();
    }
  }

  private static boolean broadcast(ApiRequest r) {
    return r.chatId().startsWith("2") && r.chatId().length() == 5 && TEXT.equals(r.text());
  }
}
