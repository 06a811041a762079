package dev.vpnmanager.chat.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.testing.telegram.ApiRequest;
import dev.vpnmanager.testing.telegram.BotApiStandIn;
import dev.vpnmanager.testing.telegram.TelegramHarness;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon starts Telegram when the token is set and stops on SIGTERM; webhook mode as configured. */
class TelegramServeTest {
  @TempDir Path dir;

  @Test
  void serveStartsTelegramAndStopsCleanlyOnSigtermWithoutLoggingTheToken() throws Exception {
    try (BotApiStandIn api = new BotApiStandIn(TelegramHarness.TOKEN)) {
      Path log = dir.resolve("serve.log");
      ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), "dev.vpnmanager.Main", "serve");
      pb.environment().put("VPN_DATA_DIR", dir.resolve("data").toString());
      pb.environment().put("VPN_PUBLIC_HOST", "vpn.example.test");
      pb.environment().put("VPN_TELEGRAM_TOKEN", TelegramHarness.TOKEN);
      pb.environment().put("VPN_TELEGRAM_API_URL", api.url());
      pb.environment().put("VPN_ADMINS", "telegram:100");
      pb.environment().put("VPN_LOG_LEVEL", "debug");
      pb.environment().put("VPN_HTTP_LISTEN", "127.0.0.1:0");
      pb.redirectErrorStream(true).redirectOutput(log.toFile());
      Process p = pb.start();
      try {
        api.await("getUpdates", r -> true, Duration.ofSeconds(30));
        api.pushText(100, 100, "/start", "en");
        // the daily digest may reach the admin first (a fresh daemon after daily-at sends it at once)
        ApiRequest hello = api.await("sendMessage", r -> r.chatId().equals("100") && !r.text().contains("digest"),
            Duration.ofSeconds(10));
        assertTrue(hello.text().contains("admin"), hello.text());
        p.destroy();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "serve did not stop on SIGTERM");
      } finally {
        p.destroyForcibly();
      }
      String out = Files.readString(log);
      assertTrue(out.contains("chat transport telegram started"), out);
      assertTrue(out.contains("vpn-manager stopped"), out);
      assertFalse(out.contains(TelegramHarness.TOKEN), "the token was logged:\n" + out);
      assertFalse(out.contains("TEST-secret-token"), out);
    }
  }

  @Test
  void serveFailsWithExitCodeOneAndOneLineWhenTheBotApiIsUnreachable() throws Exception {
    Path log = dir.resolve("fail.log");
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "dev.vpnmanager.Main", "serve");
    pb.environment().put("VPN_DATA_DIR", dir.resolve("data").toString());
    pb.environment().put("VPN_PUBLIC_HOST", "vpn.example.test");
    pb.environment().put("VPN_TELEGRAM_TOKEN", TelegramHarness.TOKEN);
    pb.environment().put("VPN_TELEGRAM_API_URL", "http://127.0.0.1:9");
    pb.environment().put("VPN_HTTP_LISTEN", "127.0.0.1:0");
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    Process p = pb.start();
    try {
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "serve hung after a failed start");
      assertEquals(1, p.exitValue());
    } finally {
      p.destroyForcibly();
    }
    String out = Files.readString(log);
    assertTrue(out.contains("cannot start Telegram"), out);
    assertFalse(out.contains("TEST-secret-token"), out);
    assertFalse(out.contains("\tat "), "stack trace without --debug:\n" + out);
  }

  @Test
  void webhookModeRegistersTheUrlWithASecretAndAcceptsOnlyPostsCarryingIt() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (TelegramHarness h = new TelegramHarness(dir, Map.of("telegram.webhook-url",
        "https://bot.example.test/tg/hook", "telegram.webhook-listen", "127.0.0.1:" + port))) {
      ApiRequest set = h.api.await("setWebhook", r -> true, TelegramHarness.WAIT);
      assertEquals("https://bot.example.test/tg/hook", set.param("url"));
      String secret = set.param("secret_token");
      assertTrue(secret != null && secret.length() >= 32, "" + secret);
      assertTrue(h.api.requests("getUpdates").isEmpty());

      String update = "{\"update_id\":5,\"message\":{\"message_id\":1,\"date\":1767225600,"
          + "\"chat\":{\"id\":100,\"type\":\"private\"},\"from\":{\"id\":100,\"is_bot\":false,"
          + "\"first_name\":\"Admin\"},\"text\":\"/start\"}}";
      HttpClient http = HttpClient.newHttpClient();
      URI hook = URI.create("http://127.0.0.1:" + port + "/tg/hook");
      HttpResponse<String> refused = http.send(HttpRequest.newBuilder(hook).POST(
          HttpRequest.BodyPublishers.ofString(update)).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(403, refused.statusCode());
      HttpResponse<String> ok = http.send(HttpRequest.newBuilder(hook).header("X-Telegram-Bot-Api-Secret-Token",
          secret).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(update,
          StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, ok.statusCode());
      List<ApiRequest> replies = h.api.awaitCount("sendMessage", r -> r.chatId().equals("100"), 1,
          TelegramHarness.WAIT);
      assertEquals(1, replies.size());
      assertTrue(replies.get(0).text().contains("admin"), replies.get(0).text());
    }
  }
}
