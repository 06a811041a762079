package dev.vpnmanager.chat.telegram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.domain.VpnUser;
import dev.vpnmanager.testing.telegram.ApiRequest;
import dev.vpnmanager.testing.telegram.TelegramHarness;
import dev.vpnmanager.user.NewUser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What leaves the bot: split long texts, escaped HTML, 429 and 5xx handling, file downloads, broadcasts. */
class TelegramDeliveryTest {
  @TempDir Path dir;
  TelegramHarness h;

  @BeforeEach
  void start() throws Exception {
    h = new TelegramHarness(dir);
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void textsOverTheLimitAreSplitIntoPiecesThatJoinBackToTheText() {
    StringBuilder b = new StringBuilder();
    for (int i = 0; b.length() < 10_000; i++) {
      b.append("line ").append(i).append(" <tag> & more\n");
    }
    String text = b.toString().strip();
    h.transport.send("555", Reply.text(text));
    List<ApiRequest> parts = h.api.awaitCount("sendMessage", r -> r.chatId().equals("555"), 3, TelegramHarness.WAIT);
    StringBuilder joined = new StringBuilder();
    for (ApiRequest p : parts) {
      String plain = p.text().replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
      assertTrue(plain.length() <= 4096, "piece of " + plain.length());
      joined.append(joined.length() == 0 ? "" : "\n").append(plain);
    }
    assertEquals(3, parts.size());
    assertEquals(text, joined.toString());
  }

  @Test
  void hostileUserSuppliedTextIsEscapedForHtmlMode() {
    h.app.users().add(Actor.cli(), new NewUser("eve", "vless", null, 0, null, null,
        "<b>boss</b> & <a href=\"http://evil\">click</a>"));
    ApiRequest card = h.admin("/user eve");
    assertTrue(card.text().contains("Note: &lt;b&gt;boss&lt;/b&gt; &amp; &lt;a href=&quot;http://evil&quot;&gt;click"
        + "&lt;/a&gt;"), card.text());
    assertFalse(card.text().contains("<b>"));
    ApiRequest unknown = h.admin("/user <script>");
    assertTrue(unknown.text().contains("&lt;script&gt;") || !unknown.text().contains("<"), unknown.text());
    assertFalse(unknown.text().contains("<script>"), unknown.text());
  }

  @Test
  void a429PausesThatChatForRetryAfterAndTheMessageStillArrives() {
    h.api.failNext("sendMessage", 1, 429, 1);
    long t0 = System.nanoTime();
    h.transport.send("777", Reply.text("after the pause"));
    ApiRequest ok = h.api.await("sendMessage", r -> r.chatId().equals("777"), TelegramHarness.WAIT);
    List<ApiRequest> tries = h.api.requests("sendMessage").stream().filter(r -> r.chatId().equals("777")).toList();
    assertEquals(List.of(429, 200), tries.stream().map(ApiRequest::status).toList());
    assertTrue(ok.atNanos() - tries.get(0).atNanos() >= 950_000_000L,
        "retried after " + (ok.atNanos() - tries.get(0).atNanos()) / 1_000_000 + " ms");
    assertTrue(ok.atNanos() - t0 < 5_000_000_000L);
  }

  @Test
  void bulkAndBurstySendingStaysUnderTelegramsLimits() {
    h.api.enforceLimits(true);
    for (int i = 0; i < 60; i++) {
      h.transport.send(Long.toString(5000 + i), Reply.text("notice " + i));
    }
    for (int i = 0; i < 6; i++) {
      h.transport.send("999", Reply.text("alert " + i));
    }
    h.api.awaitCount("sendMessage", r -> true, 66, java.time.Duration.ofSeconds(20));
    // Unpaced, this is dozens of 429s. Paced, the per-chat rule (1/s, bursts of 2) has a full second of slack
    // and must never trip; the overall one (25/s against 30/s) has ~120 ms, which a loaded 2-core machine can eat.
    assertTrue(h.api.requests("sendMessage").stream().filter(r -> r.chatId().equals("999"))
        .allMatch(r -> r.status() == 200), "429 for the single chat");
    assertTrue(h.api.limitedCount() <= 1, h.api.limitedCount() + " answers of 429");
    List<String> alerts = h.api.requests("sendMessage").stream().filter(r -> r.chatId().equals("999"))
        .map(ApiRequest::text).toList();
    assertEquals(List.of("alert 0", "alert 1", "alert 2", "alert 3", "alert 4", "alert 5"), alerts);
  }

  @Test
  void serverErrorsAreRetriedWithBackoff() {
    h.api.failNext("sendMessage", 2, 502, 0);
    h.transport.send("888", Reply.text("eventually"));
    h.api.await("sendMessage", r -> r.chatId().equals("888"), TelegramHarness.WAIT);
    List<ApiRequest> tries = h.api.requests("sendMessage").stream().filter(r -> r.chatId().equals("888")).toList();
    assertEquals(List.of(502, 502, 200), tries.stream().map(ApiRequest::status).toList());
    assertTrue(tries.get(2).atNanos() - tries.get(1).atNanos() > tries.get(1).atNanos() - tries.get(0).atNanos(),
        "backoff grows");
  }

  @Test
  void filesAreDownloadedFromTheConfiguredApiUrl() {
    byte[] content = "backup bytes".getBytes(StandardCharsets.UTF_8);
    String id = h.api.addFile("documents/file_1.db", content);
    assertArrayEquals(content, h.transport.downloadFile(id));
    assertEquals("documents/file_1.db", h.api.requests("download").get(0).param("path"));
  }

  @Test
  void broadcastAsksForConfirmationThenReachesEveryBoundChat() {
    h.app.users().add(Actor.cli(), new NewUser("fred", "vless", null, 0, null, null, null));
    for (long chat = 201; chat <= 203; chat++) {
      String token = h.app.invites().create(Actor.cli(), "fred");
      h.app.invites().redeem(Actor.cli(), "telegram", Long.toString(chat), token);
    }
    ApiRequest ask = h.admin("/broadcast Maintenance <tonight> & tomorrow");
    assertTrue(ask.text().contains("3 bound chats"), ask.text());
    assertEquals(0, h.api.requests("sendMessage").stream().filter(r -> r.chatId().startsWith("20")).count());
    h.api.pushCallback(TelegramHarness.ADMIN, TelegramHarness.ADMIN, 3, ask.button("Send"));
    List<ApiRequest> got = h.api.awaitCount("sendMessage", r -> r.chatId().startsWith("20"), 3, TelegramHarness.WAIT);
    assertTrue(got.stream().allMatch(r -> r.text().equals("Maintenance &lt;tonight&gt; &amp; tomorrow")));
    h.api.await("editMessageText", r -> r.text().contains("queued for 3"), TelegramHarness.WAIT);
    assertTrue(h.app.audit().recent(5).stream().anyMatch(e -> e.getAction().equals("broadcast.send")
        && e.getActor().equals("telegram:100")));
    h.api.pushCallback(TelegramHarness.ADMIN, TelegramHarness.ADMIN, 3, ask.button("Send"));
    h.api.await("answerCallbackQuery", r -> "This button was already used.".equals(r.param("text")),
        TelegramHarness.WAIT);
    assertEquals(1, h.app.database().find(VpnUser.class).findCount());
  }
}
