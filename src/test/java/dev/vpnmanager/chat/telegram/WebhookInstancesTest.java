package dev.vpnmanager.chat.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.storage.StateStore;
import dev.vpnmanager.storage.Tx;
import dev.vpnmanager.testing.ChildJvm;
import dev.vpnmanager.testing.FreshPostgres;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.testing.telegram.ApiRequest;
import dev.vpnmanager.testing.telegram.BotApiStandIn;
import dev.vpnmanager.testing.telegram.TelegramHarness;
import dev.vpnmanager.testing.telegram.WebhookDelivery;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real serve processes in webhook mode on one PostgreSQL database behind one "load balancer": updates reach
 * either instance, and when Telegram posts an update again (its answer was lost) the second post reaches the
 * other instance. A command and a button press are each acted on once and answered once; a button made by one
 * instance works on the other (one key, in the database).
 */
class WebhookInstancesTest {
  static final long ADMIN = 100;
  @TempDir Path dir;

  @Test
  void everyUpdateIsHandledOnceWhicheverInstancesItReaches() throws Exception {
    String url = FreshPostgres.create();
    try (BotApiStandIn api = new BotApiStandIn(TelegramHarness.TOKEN)) {
      int[] ports = {freePort(), freePort()};
      Process a = serve(api, url, "a", ports[0]);
      Process b = serve(api, url, "b", ports[1]);
      try {
        api.awaitCount("setWebhook", r -> true, 2, Duration.ofSeconds(90));
        awaitLine("a", "vpn-manager serving");
        awaitLine("b", "vpn-manager serving");
        WebhookDelivery lb = WebhookDelivery.to(api, List.of(hook(ports[0]), hook(ports[1])));
        lb.loseAnswers(1_000); // every update reaches both instances, one after the other

        api.pushText(ADMIN, ADMIN, "/adduser bob vless", "en");
        ApiRequest card = api.await("sendMessage", r -> r.text() != null && r.text().startsWith("👤 bob"),
            Duration.ofSeconds(30));
        // the button was made by one instance; the press reaches the other one first
        api.pushCallback(ADMIN, ADMIN, 77, card.button("Suspend"));
        api.await("editMessageText", r -> r.text().contains("suspended"), Duration.ofSeconds(30));
        api.pushText(ADMIN, ADMIN, "/whoami", "en");
        api.await("sendMessage", r -> r.text() != null && r.text().contains(Long.toString(ADMIN))
            && !r.text().contains("bob"), Duration.ofSeconds(30));
        Thread.sleep(3_000); // room for a second answer, if one were coming

        List<WebhookDelivery.Post> posts = lb.posts();
        assertEquals(6, posts.size(), "three updates, each posted twice: " + posts);
        assertTrue(posts.stream().allMatch(p -> p.status() == 200), "" + posts);
        assertTrue(posts.stream().anyMatch(p -> p.instance() == 0) && posts.stream().anyMatch(p -> p.instance() == 1));

        List<ApiRequest> sent = accepted(api, "sendMessage");
        assertEquals(1, sent.stream().filter(r -> r.text() != null && r.text().contains("created")).count(),
            "the command ran once: " + texts(sent));
        assertFalse(sent.stream().anyMatch(r -> r.text() != null && r.text().contains("already")),
            "no second attempt: " + texts(sent));
        assertEquals(1, accepted(api, "editMessageText").stream().filter(r -> r.text().contains("suspended")).count(),
            "the press answered once");
        assertEquals(1, accepted(api, "answerCallbackQuery").size(), "one answer to the press");
        assertEquals(1, sent.stream().filter(r -> r.text() != null && r.text().contains(Long.toString(ADMIN))
            && !r.text().contains("bob")).count(), "/whoami answered once: " + texts(sent));
      } finally {
        stop(a);
        stop(b);
      }
    }
    AppComponent check = TestApp.create(dir.resolve("check"), Clock.systemUTC(), Map.of("database.url", url));
    assertEquals("suspended", check.users().show("bob").status());
    StateStore state = new StateStore(new Tx(check.database()));
    for (String key : List.of("secret-key:callback", "secret-key:subscription")) {
      String secret = state.get(key).orElse(null);
      if (secret != null) {
        assertFalse(log("a").contains(secret) || log("b").contains(secret), key + " is in a debug log");
      }
    }
    assertTrue(state.get("secret-key:callback").isPresent());
    assertFalse(log("a").contains(TelegramHarness.TOKEN) || log("b").contains(TelegramHarness.TOKEN));
    check.databaseHolder().closeIfOpen();
  }

  /** The calls the Bot API accepted (a call refused with 429 is made again). */
  private static List<ApiRequest> accepted(BotApiStandIn api, String method) {
    return api.requests(method).stream().filter(r -> r.status() == 200).toList();
  }

  private static List<String> texts(List<ApiRequest> sent) {
    return sent.stream().map(ApiRequest::text).toList();
  }

  private static URI hook(int port) {
    return URI.create("http://127.0.0.1:" + port + "/tg/hook");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private Process serve(BotApiStandIn api, String url, String name, int port) throws IOException {
    ProcessBuilder pb = ChildJvm.builder(dir.resolve(name), "serve");
    Map<String, String> env = pb.environment();
    env.put("VPN_DATABASE_URL", url);
    env.put("VPN_TELEGRAM_TOKEN", TelegramHarness.TOKEN);
    env.put("VPN_TELEGRAM_API_URL", api.url());
    env.put("VPN_TELEGRAM_WEBHOOK_URL", "https://bot.example.test/tg/hook");
    env.put("VPN_HTTP_LISTEN", "127.0.0.1:" + port);
    env.put("VPN_TELEGRAM_WEBHOOK_LISTEN", "127.0.0.1:" + port);
    env.put("VPN_ADMINS", "telegram:" + ADMIN);
    env.put("VPN_DOCKER_HOST", "tcp://127.0.0.1:9");
    env.put("VPN_LOG_LEVEL", "debug");
    pb.redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
    return pb.start();
  }

  private static void stop(Process p) throws InterruptedException {
    p.destroy();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
  }

  private String log(String name) throws IOException {
    Path f = dir.resolve(name + ".log");
    return Files.exists(f) ? Files.readString(f) : "";
  }

  private void awaitLine(String name, String text) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!log(name).contains(text)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no '" + text + "' from " + name + ":\n" + log(name));
      }
      Thread.sleep(100);
    }
  }
}
