package dev.vpnmanager.chat.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.domain.ChatBinding;
import dev.vpnmanager.domain.InviteToken;
import dev.vpnmanager.testing.telegram.ApiRequest;
import dev.vpnmanager.testing.telegram.Qr;
import dev.vpnmanager.testing.telegram.TelegramHarness;
import dev.vpnmanager.user.NewUser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Telegram group is a room full of strangers: the bot says nothing to them, sends secrets only to private
 * chats, redeems invites only in private chats, does not treat a group as a bound user, and leaves a group that
 * no admin added it to.
 */
class TelegramGroupTest {
  static final long GROUP = -500;
  static final long STRANGER = 300;
  static final long ADMIN = TelegramHarness.ADMIN;
  @TempDir Path dir;
  TelegramHarness h;

  @BeforeEach
  void start() throws Exception {
    h = new TelegramHarness(dir);
    h.app.users().add(Actor.cli(), new NewUser("dave", "vless", null, 0, null, null, null));
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private List<ApiRequest> toGroup() {
    return h.api.requests().stream().filter(r -> r.chatId() != null && r.chatId().equals(Long.toString(GROUP)))
        .toList();
  }

  @Test
  void strangersInAGroupGetNoAnswerAtAll() {
    for (String text : List.of("/start", "/help", "/menu", "/usage", "/users", "/deluser dave", "hello")) {
      h.api.pushText(GROUP, STRANGER, text, "en");
    }
    ApiRequest admins = h.say(GROUP, ADMIN, "/servers");
    assertFalse(admins.text().isEmpty());
    assertEquals(1, toGroup().size(), "only the admin's command was answered: " + toGroup());
  }

  @Test
  void anAdminAskingForAConfigInAGroupGetsItPrivatelyAndTheGroupOnlyANote() {
    ApiRequest note = h.say(GROUP, ADMIN, "/config dave");
    assertTrue(note.text().contains("private chat"), note.text());
    ApiRequest photo = h.api.await("sendPhoto", r -> r.chatId().equals(Long.toString(ADMIN)), TelegramHarness.WAIT);
    assertEquals(h.app.configDelivery().configFor("dave").link(), Qr.decode(photo.files().get("photo")));
    assertTrue(toGroup().stream().noneMatch(r -> r.method().equals("sendPhoto") || r.method().equals("sendDocument")),
        "no config in the group: " + toGroup());
    assertTrue(toGroup().stream().noneMatch(r -> r.text() != null && r.text().contains("vless://")));

    ApiRequest invite = h.say(GROUP, ADMIN, "/invite dave");
    assertTrue(invite.text().contains("private chat"), invite.text());
    assertFalse(invite.text().contains("start="), "no invite link in the group: " + invite.text());
  }

  @Test
  void anInviteIsRedeemedOnlyInAPrivateChat() {
    String token = h.app.invites().create(Actor.cli(), "dave");
    h.api.pushText(GROUP, STRANGER, "/start " + token, "en");
    h.say(GROUP, ADMIN, "/servers");
    assertEquals(0, h.app.database().find(ChatBinding.class).findCount(), "a group is never bound");
    assertNull(h.app.database().find(InviteToken.class).findOne().getUsedAt(), "the invite is not used up");

    ApiRequest bound = h.say(STRANGER, STRANGER, "/start " + token);
    assertTrue(bound.text().contains("dave"), bound.text());
  }

  @Test
  void aGroupBoundBeforeThisRuleIsNotABoundUser() {
    ChatBinding legacy = new ChatBinding();
    legacy.setPlatform("telegram");
    legacy.setChatId(Long.toString(GROUP));
    legacy.setUser(h.app.userQueries().require("dave"));
    h.app.database().insert(legacy);
    h.api.pushText(GROUP, STRANGER, "/usage", "en");
    h.api.pushText(GROUP, STRANGER, "/myconfig", "en");
    h.say(GROUP, ADMIN, "/servers");
    assertEquals(1, toGroup().size(), "members of a bound group are strangers: " + toGroup());
  }

  @Test
  void theBotLeavesAGroupAStrangerAddedItToAndStaysWhereAnAdminDid() {
    h.api.pushMyChatMember(-600, STRANGER, "member");
    ApiRequest left = h.api.await("leaveChat", r -> "-600".equals(r.chatId()), TelegramHarness.WAIT);
    assertEquals("-600", left.chatId());
    h.api.pushMyChatMember(-700, ADMIN, "member");
    h.say(GROUP, ADMIN, "/servers");
    assertTrue(h.api.requests("leaveChat").stream().noneMatch(r -> "-700".equals(r.chatId())));
    assertTrue(h.api.requests().stream().noneMatch(r -> "-600".equals(r.chatId()) && r.method().startsWith("send")),
        "not a word to the stranger's group");
  }
}
