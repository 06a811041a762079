package dev.vpnmanager.chat.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.storage.StateStore;
import dev.vpnmanager.storage.Tx;
import dev.vpnmanager.testing.telegram.ApiRequest;
import dev.vpnmanager.testing.telegram.TelegramHarness;
import dev.vpnmanager.user.NewUser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bot against a Bot API that refuses like the real one (the stand-in is strict by default, and the harness
 * fails a test on any 400 it did not expect): long captions arrive whole, an edit that changes nothing is done,
 * a user who blocked the bot is not written to again until they write back, and one message a second per chat
 * is waited out.
 */
class TelegramRefusalsTest {
  static final long FRIEND = 200;
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

  private List<ApiRequest> to(long chat) {
    return h.api.requests().stream().filter(r -> Long.toString(chat).equals(r.chatId())).toList();
  }

  private static String unescape(String html) {
    return html.replace("<pre>", "").replace("</pre>", "").replace("<code>", "").replace("</code>", "")
        .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
        .replace("&amp;", "&");
  }

  @Test
  void captionsOverTheLimitArriveWholeAfterTheFileOrPhoto() throws Exception {
    StringBuilder b = new StringBuilder();
    for (int i = 0; b.length() < 2_500; i++) {
      b.append("part ").append(i).append(" <b>not bold</b> & \"quoted\" ");
    }
    String caption = b.toString().strip();
    h.transport.send("601", new Reply(List.of(new Reply.Document("x".getBytes(StandardCharsets.UTF_8), "a.conf",
        caption)), false, null));
    ApiRequest doc = h.api.await("sendDocument", r -> r.chatId().equals("601"), TelegramHarness.WAIT);
    assertTrue(h.transport.outbox().awaitIdle(10_000));
    StringBuilder got = new StringBuilder(unescape(doc.param("caption")));
    for (ApiRequest m : h.api.requests("sendMessage").stream().filter(r -> r.chatId().equals("601")).toList()) {
      got.append(' ').append(unescape(m.text()));
    }
    assertEquals(caption, got.toString(), "the document's caption is not cut off");

    h.transport.send("602", new Reply(List.of(new Reply.Photo(new byte[] {1}, caption, true)), false, null));
    h.api.await("sendPhoto", r -> r.chatId().equals("602"), TelegramHarness.WAIT);
    assertTrue(h.transport.outbox().awaitIdle(10_000));
    String rest = String.join(" ", h.api.requests("sendMessage").stream().filter(r -> r.chatId().equals("602"))
        .map(r -> unescape(r.text())).toList());
    assertEquals(caption, rest, "a photo's long caption follows it as text");
    assertTrue(to(601).stream().allMatch(r -> r.status() == 200) && to(602).stream().allMatch(r -> r.status() == 200));
  }

  @Test
  void anEditThatChangesNothingIsDoneWithoutARetryOrAnErrorForTheUser() throws Exception {
    for (int i = 0; i < 12; i++) {
      h.app.users().add(Actor.cli(), new NewUser(String.format("user%02d", i), "vless", null, 0, null, null, null));
    }
    ApiRequest first = h.admin("/users");
    String next = first.buttonExact("▶️");
    h.api.pushCallback(TelegramHarness.ADMIN, TelegramHarness.ADMIN, 5, next);
    h.api.await("editMessageText", r -> r.text().contains("page 2 of 2"), TelegramHarness.WAIT);
    h.api.pushCallback(TelegramHarness.ADMIN, TelegramHarness.ADMIN, 5, next);
    h.api.awaitCount("answerCallbackQuery", r -> true, 2, TelegramHarness.WAIT);
    assertTrue(h.transport.outbox().awaitIdle(10_000));
    List<Integer> edits = h.api.requests("editMessageText").stream().map(ApiRequest::status).toList();
    assertEquals(List.of(200, 400), edits, "the second press shows the same page: Telegram says not modified");
    assertEquals(0, h.transport.outbox().dropped(), "not modified is success, not a failure");
    assertEquals(0, h.transport.outbox().retried(), "and never retried");
    assertEquals(1, h.messagesTo(TelegramHarness.ADMIN), "no error message to the admin");
    h.expectBadRequests();
  }

  @Test
  void aUserWhoBlockedTheBotIsNotWrittenToAgainUntilTheyWriteBack() throws Exception {
    h.api.block(FRIEND);
    h.transport.send(Long.toString(FRIEND), Reply.text("one"));
    h.transport.send(Long.toString(FRIEND), Reply.text("two"));
    assertTrue(h.transport.outbox().awaitIdle(10_000));
    h.transport.send(Long.toString(FRIEND), Reply.text("three"));
    assertTrue(h.transport.outbox().awaitIdle(10_000));
    assertEquals(List.of(403), to(FRIEND).stream().map(ApiRequest::status).toList(),
        "one refusal, then nothing more is tried: " + to(FRIEND));
    assertTrue(blockedRow(FRIEND).isPresent(), "recorded");

    h.api.unblock(FRIEND);
    ApiRequest back = h.say(FRIEND, FRIEND, "/start");
    assertEquals(200, back.status(), "writing to the bot again lifts the block");
    assertTrue(blockedRow(FRIEND).isEmpty());
    h.transport.send(Long.toString(FRIEND), Reply.text("four"));
    h.api.await("sendMessage", r -> "four".equals(r.text()), TelegramHarness.WAIT);
  }

  @Test
  void blockingAndUnblockingReportedByTelegramAreFollowedWithoutAFailedSend() throws Exception {
    h.api.pushMyChatMember(FRIEND, FRIEND, "kicked");
    awaitRow(FRIEND, true);
    h.transport.send(Long.toString(FRIEND), Reply.text("not sent"));
    assertTrue(h.transport.outbox().awaitIdle(10_000));
    assertEquals(List.of(), to(FRIEND), "nothing is tried for a chat that blocked the bot");
    h.api.pushMyChatMember(FRIEND, FRIEND, "member");
    awaitRow(FRIEND, false);
    h.transport.send(Long.toString(FRIEND), Reply.text("sent"));
    h.api.await("sendMessage", r -> "sent".equals(r.text()), TelegramHarness.WAIT);
  }

  @Test
  void oneMessageASecondPerChatIsWaitedOutAndEverythingArrivesInOrder() throws Exception {
    h.api.chatBurst(1);
    for (int i = 0; i < 4; i++) {
      h.transport.send("603", Reply.text("m" + i));
    }
    List<ApiRequest> ok = h.api.awaitCount("sendMessage", r -> r.chatId().equals("603"), 4,
        java.time.Duration.ofSeconds(15));
    assertEquals(List.of("m0", "m1", "m2", "m3"), ok.stream().map(ApiRequest::text).toList());
    List<ApiRequest> all = to(603);
    long refused = all.stream().filter(r -> r.status() == 429).count();
    // the outbox's burst of 2 meets the plain 1/s rule at once; after that, with no slack left, jitter can cost a
    // 429 per message, but never more: the next try waits for retry_after
    assertTrue(refused >= 1 && refused <= 4, refused + " answers of 429 for 4 messages");
    for (int i = 0; i + 1 < all.size(); i++) {
      if (all.get(i).status() == 429) {
        long waited = all.get(i + 1).atNanos() - all.get(i).atNanos();
        assertTrue(waited >= 950_000_000L, "the next try came " + waited / 1_000_000 + " ms after a 429");
      }
    }
  }

  private Optional<String> blockedRow(long chat) {
    return new StateStore(new Tx(h.app.database())).get("telegram-blocked:" + chat);
  }

  private void awaitRow(long chat, boolean present) throws InterruptedException {
    for (int i = 0; i < 200 && blockedRow(chat).isPresent() != present; i++) {
      Thread.sleep(25);
    }
    assertEquals(present, blockedRow(chat).isPresent());
  }
}
