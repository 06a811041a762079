package dev.vpnmanager.testing.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stand-in refuses what the real Bot API refuses, with its status codes and descriptions, so that the bot's
 * handling of each refusal can be tested: 400 for over-long texts, captions and button data, HTML it cannot
 * parse and edits that change nothing; 403 for a user who blocked the bot; 429 with retry_after above one
 * message a second in a chat.
 */
class BotApiStandInTest {
  static final ObjectMapper JSON = new ObjectMapper();
  final HttpClient http = HttpClient.newHttpClient();
  BotApiStandIn api;

  @BeforeEach
  void start() throws Exception {
    api = new BotApiStandIn(TelegramHarness.TOKEN);
    api.enforceLimits(false);
  }

  @AfterEach
  void stop() {
    api.close();
  }

  JsonNode call(String method, ObjectNode body) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api.url() + "/bot" + TelegramHarness.TOKEN
        + "/" + method)).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
        JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
    JsonNode n = JSON.readTree(r.body());
    assertEquals(r.statusCode(), n.path("ok").asBoolean() ? 200 : n.path("error_code").asInt(), r.body());
    return n;
  }

  ObjectNode text(long chat, String text) {
    ObjectNode b = JSON.createObjectNode().put("chat_id", chat).put("text", text);
    b.put("parse_mode", "HTML");
    return b;
  }

  static void assertRefused(JsonNode answer, int code, String description) {
    assertEquals(code, answer.path("error_code").asInt(), answer.toString());
    assertEquals(description, answer.path("description").asText(), answer.toString());
  }

  @Test
  void textsAreCountedAfterParsingAndRefusedAbove4096Characters() throws Exception {
    assertTrue(call("sendMessage", text(1, "&lt;".repeat(4096))).path("ok").asBoolean(),
        "16 KiB of markup, 4,096 characters of text");
    assertTrue(call("sendMessage", text(1, "😀".repeat(2048))).path("ok").asBoolean(), "UTF-16 units are counted");
    assertRefused(call("sendMessage", text(1, "x".repeat(4097))), 400, "Bad Request: message is too long");
    assertRefused(call("sendMessage", text(1, "  \n")), 400, "Bad Request: message text is empty");
  }

  @Test
  void captionsAreRefusedAbove1024Characters() throws Exception {
    ObjectNode ok = JSON.createObjectNode().put("chat_id", 1).put("photo", "some-file-id")
        .put("caption", "<code>" + "a".repeat(1024) + "</code>").put("parse_mode", "HTML");
    assertTrue(call("sendPhoto", ok).path("ok").asBoolean());
    ObjectNode tooLong = JSON.createObjectNode().put("chat_id", 1).put("document", "some-file-id")
        .put("caption", "a".repeat(1025));
    assertRefused(call("sendDocument", tooLong), 400, "Bad Request: message caption is too long");
  }

  @Test
  void callbackDataIsRefusedAbove64Bytes() throws Exception {
    ObjectNode b = text(1, "menu");
    b.putObject("reply_markup").putArray("inline_keyboard").addArray().addObject().put("text", "ok")
        .put("callback_data", "é".repeat(32));
    assertTrue(call("sendMessage", b).path("ok").asBoolean(), "64 bytes");
    b.putObject("reply_markup").putArray("inline_keyboard").addArray().addObject().put("text", "too long")
        .put("callback_data", "é".repeat(32) + "x");
    assertRefused(call("sendMessage", b), 400, "Bad Request: BUTTON_DATA_INVALID");
  }

  @Test
  void htmlThatTelegramCannotParseIsRefusedWithWhereItBroke() throws Exception {
    assertTrue(call("sendMessage", text(1, "<b>bold <i>both</i></b> &amp; &#39;q&#39; &nbsp; <a href=\"https://x\">"
        + "l</a> <pre><code class=\"language-json\">{}</code></pre> AT&T")).path("ok").asBoolean());
    assertRefused(call("sendMessage", text(1, "hi <script>x</script>")), 400,
        "Bad Request: can't parse entities: Unsupported start tag \"script\" at byte offset 3");
    assertRefused(call("sendMessage", text(1, "é <b>open")), 400,
        "Bad Request: can't parse entities: Can't find end tag corresponding to start tag \"b\"");
    assertRefused(call("sendMessage", text(1, "<b><i>x</b></i>")), 400,
        "Bad Request: can't parse entities: Unmatched end tag at byte offset 7, expected \"</i>\", found \"</b>\"");
    assertRefused(call("sendMessage", text(1, "x</b>")), 400,
        "Bad Request: can't parse entities: Unexpected end tag at byte offset 1");
    assertRefused(call("sendMessage", text(1, "1 < 2")), 400,
        "Bad Request: can't parse entities: Unsupported start tag \"\" at byte offset 2");
    assertTrue(call("sendMessage", JSON.createObjectNode().put("chat_id", 1).put("text", "1 < 2 <script>"))
        .path("ok").asBoolean(), "without parse_mode nothing is parsed");
  }

  @Test
  void anEditThatChangesNothingIsRefusedAsNotModified() throws Exception {
    ObjectNode menu = text(1, "page <b>1</b>");
    menu.putObject("reply_markup").putArray("inline_keyboard").addArray().addObject().put("text", "next")
        .put("callback_data", "n");
    int id = call("sendMessage", menu).path("result").path("message_id").asInt();
    ObjectNode edit = menu.deepCopy().put("message_id", id);
    assertRefused(call("editMessageText", edit), 400, "Bad Request: message is not modified: specified new message "
        + "content and reply markup are exactly the same as a current content and reply markup of the message");
    edit.put("text", "page <i>1</i>");
    assertTrue(call("editMessageText", edit).path("ok").asBoolean(), "other entities are a change");
    edit.remove("reply_markup");
    assertTrue(call("editMessageText", edit).path("ok").asBoolean(), "another keyboard is a change");
    assertRefused(call("editMessageText", edit), 400, "Bad Request: message is not modified: specified new message "
        + "content and reply markup are exactly the same as a current content and reply markup of the message");
  }

  @Test
  void aUserWhoBlockedTheBotCannotBeWrittenTo() throws Exception {
    api.block(42);
    assertRefused(call("sendMessage", text(42, "hello")), 403, "Forbidden: bot was blocked by the user");
    assertRefused(call("sendPhoto", JSON.createObjectNode().put("chat_id", 42).put("photo", "f")), 403,
        "Forbidden: bot was blocked by the user");
    assertTrue(call("sendMessage", text(43, "hello")).path("ok").asBoolean());
    api.unblock(42);
    assertTrue(call("sendMessage", text(42, "hello")).path("ok").asBoolean());
  }

  @Test
  void aChatGetsOneMessageASecondAndA429SaysHowLongToWait() throws Exception {
    api.enforceLimits(true);
    api.chatBurst(1);
    assertTrue(call("sendMessage", text(7, "one")).path("ok").asBoolean());
    JsonNode refused = call("sendMessage", text(7, "two"));
    assertEquals(429, refused.path("error_code").asInt(), refused.toString());
    assertEquals(1, refused.path("parameters").path("retry_after").asInt(), refused.toString());
    assertTrue(refused.path("description").asText().startsWith("Too Many Requests: retry after 1"));
    assertTrue(call("sendMessage", text(8, "other chat")).path("ok").asBoolean(), "the limit is per chat");
    Thread.sleep(1_000);
    assertTrue(call("sendMessage", text(7, "two")).path("ok").asBoolean(), "after retry_after");
  }
}
