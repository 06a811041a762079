package dev.vpnmanager.chat.matrix;

import static dev.vpnmanager.chat.matrix.MatrixBots.ADMIN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.testing.matrix.FakeHomeserver;
import dev.vpnmanager.testing.matrix.RecordedRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Media, rate limits and server errors: what leaves the bot arrives once and intact. */
class MatrixDeliveryTest {
  static final String LINK = "vless://3f1c9a2e-0b7d-4c55-9e61-2d8f5a7b9c10@vpn.example.test:443"
      + "?encryption=none&security=reality&sni=www.example.com&fp=chrome&pbk=Zm9vYmFy&sid=ab12#carol";
  @TempDir Path dir;
  FakeHomeserver hs;
  MatrixBots bots;
  String room;

  @BeforeEach
  void setUp() throws Exception {
    hs = new FakeHomeserver();
    bots = MatrixBots.start(dir, hs);
    room = hs.roomWithBot(ADMIN);
  }

  @AfterEach
  void tearDown() {
    bots.close();
    hs.close();
  }

  @Test
  void photoIsUploadedAndSentAsImageThatDecodesToTheLink() throws Exception {
    bots.bot().send(room, new Reply(List.of(new Reply.Photo(qr(LINK), LINK, true))));
    bots.awaitSent();
    List<JsonNode> sent = hs.botMessages(room);
    JsonNode image = sent.get(0).path("content");
    assertEquals("m.image", image.path("msgtype").asText());
    assertEquals("image/png", image.path("info").path("mimetype").asText());
    String mxc = image.path("url").asText();
    assertTrue(mxc.startsWith("mxc://"), mxc);
    var bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(
        ImageIO.read(new ByteArrayInputStream(hs.media(mxc))))));
    assertEquals(LINK, new QRCodeReader().decode(bitmap).getText());
    JsonNode caption = sent.get(1).path("content");
    assertEquals(LINK, caption.path("body").asText());
    assertTrue(caption.path("formatted_body").asText().startsWith("<pre><code>vless://"), caption.toString());
    assertTrue(caption.path("formatted_body").asText().contains("&amp;security=reality"));
  }

  @Test
  void documentIsSentAsFileWithItsBytes() {
    byte[] conf = "[Interface]\nPrivateKey = abc=\nAddress = 10.8.0.2/32\n".getBytes(StandardCharsets.UTF_8);
    bots.bot().send(room, new Reply(List.of(new Reply.Document(conf, "carol.conf", "WireGuard config"))));
    bots.awaitSent();
    JsonNode file = hs.botMessages(room).get(0).path("content");
    assertEquals("m.file", file.path("msgtype").asText());
    assertEquals("carol.conf", file.path("body").asText());
    assertArrayEquals(conf, hs.media(file.path("url").asText()));
    assertEquals("WireGuard config", hs.botMessages(room).get(1).path("content").path("body").asText());
  }

  @Test
  void rateLimitIsWaitedOutAndTheSameTransactionIsRetried() {
    hs.rateLimitSends(2, 300);
    bots.bot().send(room, Reply.text("hello"));
    bots.awaitSent();
    List<RecordedRequest> sends = hs.requests().stream().filter(RecordedRequest::isSend).toList();
    assertEquals(List.of(429, 429, 200), sends.stream().map(RecordedRequest::status).toList());
    assertEquals(1, sends.stream().map(RecordedRequest::lastSegment).distinct().count(), "one transaction id");
    assertTrue(sends.get(1).atMillis() - sends.get(0).atMillis() >= 300, "waited retry_after_ms");
    assertTrue(sends.get(2).atMillis() - sends.get(1).atMillis() >= 300, "waited retry_after_ms");
    assertEquals(1, hs.botMessages(room).size());
  }

  @Test
  void serverErrorsAreRetriedWithBackoff() {
    hs.failNext(2);
    bots.bot().send(room, Reply.text("still here"));
    bots.awaitSent();
    assertEquals("still here", hs.botMessages(room).get(0).path("content").path("body").asText());
    List<RecordedRequest> sends = hs.requests().stream().filter(RecordedRequest::isSend).toList();
    assertEquals(List.of(500, 500, 200), sends.stream().map(RecordedRequest::status).toList());
  }

  @Test
  void forgottenTokenLeadsToOneNewLoginOnTheSameDevice() throws Exception {
    hs.forgetTokens();
    hs.say(room, ADMIN, "!vpn start");
    assertTrue(hs.awaitBotMessages(room, 1, 5000).get(0).path("content").path("body").asText().contains("Hello"));
    List<RecordedRequest> logins = hs.requests().stream().filter(r -> r.path().endsWith("/login")).toList();
    assertEquals(2, logins.size());
    assertEquals("DEV1", logins.get(1).json().path("device_id").asText());
    hs.say(room, ADMIN, "!vpn start");
    assertEquals(2, hs.awaitBotMessages(room, 2, 5000).size(), "the sync loop goes on with the new token");
  }

  @Test
  void sendingTheSameTransactionTwiceStoresOneEvent() {
    MatrixClient client = MatrixClient.of(java.net.URI.create(hs.url()));
    client.useToken(hs.issueToken());
    var content = java.util.Map.<String, Object>of("msgtype", "m.notice", "body", "once");
    String a = client.send(room, "m.room.message", content, "txn-1");
    String b = client.send(room, "m.room.message", content, "txn-1");
    assertEquals(a, b);
    assertEquals(1, hs.botMessages(room).size());
  }

  static byte[] qr(String text) throws Exception {
    var matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 400, 400);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MatrixToImageWriter.writeToStream(matrix, "PNG", out);
    return out.toByteArray();
  }
}
