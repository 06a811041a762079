package dev.vpnmanager.chat.matrix;

import dev.vpnmanager.chat.Reply;
import static dev.vpnmanager.chat.matrix.MatrixBots.ADMIN;
import static dev.vpnmanager.chat.matrix.MatrixBots.STRANGER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.domain.AuditEntry;
import dev.vpnmanager.domain.UserStatus;
import dev.vpnmanager.testing.FakeClock;
import dev.vpnmanager.testing.matrix.FakeHomeserver;
import dev.vpnmanager.user.NewUser;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Matrix bot against the stand-in homeserver: commands, menus, access, invites, encrypted rooms. */
class MatrixTransportTest {
  @TempDir Path dir;
  FakeHomeserver hs;
  MatrixBots bots;

  @BeforeEach
  void setUp() throws Exception {
    hs = new FakeHomeserver();
    bots = MatrixBots.start(dir, hs);
  }

  @AfterEach
  void tearDown() {
    bots.close();
    hs.close();
  }

  @Test
  void adminCreatesUserFromRoomAndGetsHtmlNotice() throws Exception {
    String room = hs.roomWithBot(ADMIN);
    hs.say(room, ADMIN, "!vpn adduser bob wireguard");
    JsonNode reply = hs.awaitBotMessages(room, 1, 5000).get(0);
    JsonNode c = reply.path("content");
    assertEquals("m.notice", c.path("msgtype").asText());
    assertTrue(c.path("body").asText().contains("User bob created"), c.toString());
    assertEquals("org.matrix.custom.html", c.path("format").asText());
    assertEquals("wireguard", bots.app().users().show("bob").protocol());
    AuditEntry add = bots.app().database().find(AuditEntry.class).where().eq("action", "user.add")
        .eq("target", "bob").findOne();
    assertEquals("matrix:" + ADMIN, add.getActor());
  }

  @Test
  void userSuppliedTextIsEscapedInFormattedBody() throws Exception {
    String room = hs.roomWithBot(ADMIN);
    hs.say(room, ADMIN, "!vpn <b>x</b>&");
    JsonNode c = hs.awaitBotMessages(room, 1, 5000).get(0).path("content");
    assertTrue(c.path("body").asText().contains("<b>x</b>&"), c.toString());
    String html = c.path("formatted_body").asText();
    assertTrue(html.contains("&lt;b&gt;x&lt;/b&gt;&amp;") && !html.contains("<b>"), html);
  }

  @Test
  void menuIsNumberedAndAnsweredWithTheNumber() throws Exception {
    bots.app().users().add(Actor.cli(), NewUser.of("carol", "vless"));
    String room = hs.roomWithBot(ADMIN);
    hs.say(room, ADMIN, "!vpn user carol");
    JsonNode card = hs.awaitBotMessages(room, 1, 5000).get(0).path("content");
    String body = card.path("body").asText();
    assertTrue(card.path("formatted_body").asText().contains("<ol><li>"), card.toString());
    Matcher m = Pattern.compile("(?m)^(\\d+)\\) .*Suspend").matcher(body);
    assertTrue(m.find(), body);
    hs.say(room, ADMIN, m.group(1));
    Thread.sleep(300);
    assertEquals(1, hs.botMessages(room).size(), "a bare number in a group room is no choice");
    hs.say(room, STRANGER, "!vpn " + m.group(1));
    Thread.sleep(300);
    assertEquals(1, hs.botMessages(room).size(), "a stranger in a group room gets no answer at all");
    assertEquals("active", bots.app().users().show("carol").status(), "nor does the number press the admin's menu");
    hs.say(room, ADMIN, "> <" + FakeHomeserver.BOT + "> 👤 carol\n\n!vpn " + m.group(1));
    hs.awaitBotMessages(room, 2, 5000);
    assertEquals(UserStatus.SUSPENDED.name().toLowerCase(), bots.app().users().show("carol").status());
  }

  @Test
  void bareNumberIsAChoiceInADirectChat() throws Exception {
    bots.app().users().add(Actor.cli(), NewUser.of("carol", "vless"));
    String dm = hs.inviteBot(ADMIN, true);
    await(() -> "join".equals(hs.membership(dm)));
    hs.say(dm, ADMIN, "user carol");
    String body = hs.awaitBotMessages(dm, 1, 5000).get(0).path("content").path("body").asText();
    Matcher m = Pattern.compile("(?m)^(\\d+)\\) .*Suspend").matcher(body);
    assertTrue(m.find(), body);
    hs.say(dm, ADMIN, m.group(1));
    hs.awaitBotMessages(dm, 2, 5000);
    assertEquals(UserStatus.SUSPENDED.name().toLowerCase(), bots.app().users().show("carol").status());
  }

  @Test
  void aNumberLongAfterTheMenuIsNoChoice() throws Exception {
    bots.close();
    FakeClock clock = new FakeClock(java.time.Instant.now());
    bots = MatrixBots.start(dir.resolve("clocked"), hs, clock);
    bots.app().users().add(Actor.cli(), NewUser.of("carol", "vless"));
    String dm = hs.inviteBot(ADMIN, true);
    await(() -> "join".equals(hs.membership(dm)));
    hs.say(dm, ADMIN, "user carol");
    String body = hs.awaitBotMessages(dm, 1, 5000).get(0).path("content").path("body").asText();
    Matcher m = Pattern.compile("(?m)^(\\d+)\\) .*Suspend").matcher(body);
    assertTrue(m.find(), body);
    clock.advance(Menus.MAX_AGE.plusSeconds(1));
    hs.say(dm, ADMIN, m.group(1));
    hs.awaitBotMessages(dm, 2, 5000);
    assertEquals("active", bots.app().users().show("carol").status(), "a stale menu takes no answer: " + hs.botMessages(dm));
  }

  @Test
  void decryptedMessagesInAnEncryptedRoomAreAnswered() throws Exception {
    String room = hs.roomWithBot(ADMIN);
    hs.enableEncryption(room, ADMIN);
    hs.say(room, ADMIN, "!vpn whoami");
    hs.sayDecrypted(room, ADMIN, "!vpn help");
    List<JsonNode> replies = hs.awaitBotMessages(room, 1, 5000);
    Thread.sleep(300);
    assertEquals(1, hs.botMessages(room).size(), "only the decrypted message is read: " + replies);
    assertTrue(replies.get(0).path("content").path("body").asText().startsWith("Commands:"), replies.toString());
  }

  @Test
  void strangerIsRefusedAndNothingChanges() throws Exception {
    String shared = hs.roomWithBot(ADMIN);
    String before = snapshot();
    hs.say(shared, STRANGER, "!vpn adduser eve vless");
    String own = hs.inviteBot(STRANGER, true);
    await(() -> "join".equals(hs.membership(own)));
    hs.say(own, STRANGER, "!vpn adduser eve vless");
    JsonNode c = hs.awaitBotMessages(own, 1, 5000).get(0).path("content");
    assertTrue(c.path("body").asText().contains("admins only"), c.toString());
    assertTrue(hs.botMessages(shared).isEmpty(), "a stranger in a shared room gets no answer at all");
    assertEquals(before, snapshot());
  }

  @Test
  void joinsGroupsOnAnAdminsInviteAndOneDirectChatPerPersonAndTakesPlainCommandsThere() throws Exception {
    String groupFromStranger = hs.inviteBot(STRANGER, false);
    String directFromStranger = hs.inviteBot(STRANGER, true);
    String fromAdmin = hs.inviteBot(ADMIN, true);
    await(() -> "leave".equals(hs.membership(groupFromStranger)) && "join".equals(hs.membership(fromAdmin))
        && "join".equals(hs.membership(directFromStranger)));
    String secondDirect = hs.inviteBot(STRANGER, true);
    await(() -> "leave".equals(hs.membership(secondDirect)));
    hs.say(directFromStranger, STRANGER, "help");
    assertTrue(hs.awaitBotMessages(directFromStranger, 1, 5000).get(0).path("content").path("body").asText()
        .contains("/start"), "a stranger's own direct chat is answered, like a private chat on Telegram");
    hs.say(fromAdmin, ADMIN, "users");
    assertTrue(hs.awaitBotMessages(fromAdmin, 1, 5000).get(0).path("content").path("body").asText()
        .contains("No users yet"));
    bots.bot().sendToUser(ADMIN, Reply.text("alert"));
    bots.awaitSent();
    assertEquals(List.of(), hs.roomsCreatedFor(ADMIN), "alerts to an admin go to the direct chat they opened");
    assertEquals("alert", hs.botMessages(fromAdmin).get(1).path("content").path("body").asText());
    String group = hs.roomWithBot(ADMIN);
    hs.say(group, ADMIN, "users");
    hs.say(group, ADMIN, "!vpn start");
    List<JsonNode> replies = hs.awaitBotMessages(group, 1, 5000);
    Thread.sleep(200);
    assertEquals(1, hs.botMessages(group).size(), "a plain word in a group room is not a command");
    assertTrue(replies.get(0).path("content").path("body").asText().contains("Hello, admin"));
  }

  @Test
  void encryptedRoomIsToldOnceWhyTheBotCannotRead() throws Exception {
    String room = hs.roomWithBot(ADMIN);
    hs.enableEncryption(room, ADMIN);
    hs.sayEncrypted(room, ADMIN);
    hs.sayEncrypted(room, ADMIN);
    String other = hs.roomWithBot(ADMIN);
    hs.sayEncrypted(other, ADMIN);
    hs.say(other, ADMIN, "!vpn help");
    String plain = hs.roomWithBot(ADMIN);
    hs.say(plain, ADMIN, "!vpn help");
    hs.awaitBotMessages(plain, 1, 5000);
    List<JsonNode> told = hs.botMessages(room);
    assertEquals(1, told.size(), told.toString());
    assertEquals(SyncHandler.ENCRYPTED_TEXT, told.get(0).path("content").path("body").asText());
    List<JsonNode> toldOther = hs.botMessages(other);
    assertEquals(1, toldOther.size(), "only the explanation; a message after encryption is not read");
    assertEquals(SyncHandler.ENCRYPTED_TEXT, toldOther.get(0).path("content").path("body").asText());
  }

  @Test
  void sendToUserOpensOneDirectRoomWhereThePersonTalksPlainly() throws Exception {
    String alice = "@alice:" + FakeHomeserver.SERVER;
    bots.bot().sendToUser(alice, Reply.text("Your traffic is at 90%"));
    bots.awaitSent();
    bots.bot().sendToUser(alice, Reply.text("Your traffic is at 100%"));
    bots.awaitSent();
    List<String> created = hs.roomsCreatedFor(alice);
    assertEquals(1, created.size());
    assertEquals(List.of(alice), hs.invitees(created.get(0)));
    assertEquals(2, hs.botMessages(created.get(0)).size());
    hs.say(created.get(0), alice, "start");
    assertTrue(hs.awaitBotMessages(created.get(0), 3, 5000).get(2).path("content").path("body").asText()
        .contains("ask its admin for an invite"));
    hs.kickBot(created.get(0));
    bots.bot().sendToUser(alice, Reply.text("Your plan expires tomorrow"));
    bots.awaitSent();
    assertEquals(2, hs.roomsCreatedFor(alice).size(), "a left direct room is replaced");
    assertEquals("Your plan expires tomorrow",
        hs.botMessages(hs.roomsCreatedFor(alice).get(1)).get(0).path("content").path("body").asText());
  }

  @Test
  void accessTokenNeverLeavesTheAuthorizationHeader() {
    hs.requests().forEach(r -> {
      assertFalse(String.valueOf(r.query()).contains("syt_"), r.path());
      assertFalse(r.path().contains("syt_"), r.path());
    });
    assertTrue(hs.requests().stream().anyMatch(r -> String.valueOf(r.authorization()).startsWith("Bearer syt_")));
  }

  private String snapshot() {
    return bots.app().userQueries().all(null) + "|" + bots.app().database().find(AuditEntry.class).findCount();
  }

  static void await(java.util.function.BooleanSupplier cond) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 5000;
    while (!cond.getAsBoolean() && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    assertTrue(cond.getAsBoolean(), "condition not reached in 5 s");
  }
}
