package dev.vpnmanager.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.chat.router.CommandRouter;
import dev.vpnmanager.chat.router.CommandSpec;
import dev.vpnmanager.chat.router.Role;
import dev.vpnmanager.domain.AuditEntry;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.user.NewUser;
import dev.vpnmanager.user.UserRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandRouterTest {
  @TempDir Path dir;
  AppComponent app;
  CommandRouter router;

  @BeforeEach
  void setUp() {
    app = TestApp.create(dir, Clock.systemUTC(), Map.of("admins", "telegram:100,matrix:@boss:example.org"));
    router = app.router();
    app.users().add(Actor.cli(), NewUser.of("alice", "vless"));
  }

  private Reply say(String userId, String text) {
    return router.route(ChatUpdate.text(Platform.TELEGRAM, userId, userId, text));
  }

  @Test
  void strangerIsRefusedEveryAdminCommandAndNothingChanges() {
    String before = snapshot();
    List<CommandSpec> adminOnly = router.visibleTo(Role.ADMIN).stream()
        .filter(s -> !Role.USER.atLeast(s.role())).toList();
    assertTrue(adminOnly.size() >= 8, adminOnly.toString());
    for (CommandSpec s : adminOnly) {
      for (String args : List.of("", " alice", " alice vless", " alice 30 10GB", " mallory vless 1GB 30d")) {
        Reply r = say("666", "/" + s.name() + args);
        assertTrue(r.allText().contains("admins only"), s.name() + ": " + r.allText());
      }
    }
    assertEquals(before, snapshot());
  }

  @Test
  void adminCommandsWorkAndAreAuditedWithTheChatIdentity() {
    assertTrue(say("100", "/adduser bob wireguard 10GB 30d").allText().contains("User bob created"));
    assertTrue(say("100", "/suspend bob").allText().contains("suspended"));
    assertTrue(say("100", "/resume bob").allText().contains("resumed"));
    assertTrue(say("100", "/renew bob 10 5GB").allText().contains("Renewed"));
    assertTrue(say("100", "/resettraffic bob").allText().contains("traffic reset"));
    assertTrue(say("100", "/user bob").allText().contains("Status: active"));
    assertTrue(say("100", "/users").allText().contains("Users: 2"));
    assertTrue(say("100", "/deluser bob").allText().contains("deleted"));
    AuditEntry add = app.database().find(AuditEntry.class).where().eq("action", "user.add")
        .eq("target", "bob").findOne();
    assertEquals("telegram", add.getChannel());
    assertEquals("telegram:100", add.getActor());
  }

  @Test
  void badArgumentsGetOneLineAndChangeNothing() {
    String before = snapshot();
    for (String cmd : List.of("/adduser", "/adduser x vless", "/adduser bob pptp", "/adduser bob vless -5GB",
        "/adduser bob vless 1GB yesterday", "/adduser alice vless", "/renew alice soon", "/suspend nobody",
        "/adduser $(id) vless")) {
      String text = say("100", cmd).allText();
      assertTrue(text.startsWith("⚠️ ") && !text.contains("\n"), cmd + " -> " + text);
    }
    assertEquals(before, snapshot());
  }

  @Test
  void commandFormsAreEquivalent() {
    assertTrue(say("100", "users").allText().contains("Users: 1"));
    assertTrue(say("100", "/users@MyVpnBot").allText().contains("Users: 1"));
    assertTrue(say("100", "!vpn users").allText().contains("Users: 1"));
    assertTrue(say("100", "/nonsense").allText().contains("Unknown command"));
    assertTrue(router.route(ChatUpdate.text(Platform.MATRIX, "!room:x", "@boss:example.org", "!vpn users"))
        .allText().contains("Users: 1"));
  }

  @Test
  void buttonsFromAnotherChatOrForgedDoNothing() {
    Reply card = say("100", "/user alice");
    Button suspend = ((Reply.Text) card.parts().get(0)).keyboard().buttons().get(0);
    assertTrue(suspend.label().contains("Suspend"));
    Reply foreign = router.route(ChatUpdate.button(Platform.TELEGRAM, "666", "100", suspend.data(), "1"));
    assertEquals("This button is not valid.", foreign.allText());
    Reply stranger = router.route(ChatUpdate.button(Platform.TELEGRAM, "100", "666", suspend.data(), "1"));
    assertEquals("⛔ Not allowed.", stranger.allText());
    Reply forged = router.route(ChatUpdate.button(Platform.TELEGRAM, "100", "100", "user:sus:1~zz~~AAAA", "1"));
    assertEquals("This button is not valid.", forged.allText());
    assertEquals("active", app.users().show("alice").status());
    Reply pressed = router.route(ChatUpdate.button(Platform.TELEGRAM, "100", "100", suspend.data(), "1"));
    assertTrue(pressed.allText().contains("Status: suspended"), pressed.allText());
    Reply replay = router.route(ChatUpdate.button(Platform.TELEGRAM, "100", "100", suspend.data(), "1"));
    assertEquals("This button was already used.", replay.allText());
  }

  @Test
  void anOldButtonOfADeletedUserNeverActsOnANewerOne() {
    say("100", "/adduser zed vless");
    Reply card = say("100", "/user zed");
    Button suspend = ((Reply.Text) card.parts().get(0)).keyboard().buttons().get(0);
    assertTrue(suspend.label().contains("Suspend"));
    say("100", "/deluser zed");
    say("100", "/adduser yan vless");
    Reply pressed = router.route(ChatUpdate.button(Platform.TELEGRAM, "100", "100", suspend.data(), "1"));
    assertEquals("active", app.users().show("yan").status(), pressed.allText());
    assertEquals("That user no longer exists.", pressed.allText());
  }

  @Test
  void deleteNeedsConfirmation() {
    Reply card = say("100", "/user alice");
    Button del = ((Reply.Text) card.parts().get(0)).keyboard().buttons().stream()
        .filter(b -> b.label().contains("Delete")).findFirst().orElseThrow();
    Reply confirm = router.route(ChatUpdate.button(Platform.TELEGRAM, "100", "100", del.data(), "1"));
    assertTrue(app.users().find("alice").isPresent());
    Button yes = ((Reply.Text) confirm.parts().get(0)).keyboard().buttons().get(0);
    router.route(ChatUpdate.button(Platform.TELEGRAM, "100", "100", yes.data(), "1"));
    assertTrue(app.users().find("alice").isEmpty());
  }

  @Test
  void usersListIsPagedTenAPage() {
    for (int i = 0; i < 24; i++) {
      app.users().add(Actor.cli(), NewUser.of(String.format("user%02d", i), "vless"));
    }
    Reply first = say("100", "/users");
    assertTrue(first.allText().contains("page 1 of 3"), first.allText());
    List<Button> buttons = ((Reply.Text) first.parts().get(0)).keyboard().buttons();
    assertEquals(10, buttons.stream().filter(b -> b.label().contains(" · ")).count(), "ten users a page");
    Button next = buttons.stream().filter(b -> b.label().equals("▶️")).findFirst().orElseThrow();
    Reply second = router.route(ChatUpdate.button(Platform.TELEGRAM, "100", "100", next.data(), "1"));
    Reply.Text t = (Reply.Text) second.parts().get(0);
    assertTrue(t.edit());
    assertTrue(t.text().contains("page 2 of 3"));
  }

  @Test
  void cardsAndListsSpeakTheCallersLanguage() {
    ChatUpdate ru = new ChatUpdate(Platform.TELEGRAM, "100", "100", "boss", "ru", "/user alice", null, null, true);
    Reply.Text card = (Reply.Text) router.route(ru).parts().get(0);
    assertTrue(card.text().contains("Статус: активен"), card.text());
    assertTrue(card.keyboard().buttons().get(0).label().contains("Приостановить"));
    ChatUpdate list = new ChatUpdate(Platform.TELEGRAM, "100", "100", "boss", "ru", "/users", null, null, true);
    assertTrue(router.route(list).allText().startsWith("Пользователи: 1"), router.route(list).allText());
    assertTrue(say("100", "/user alice").allText().contains("Status: active"));
  }

  private String snapshot() {
    List<UserRecord> all = app.userQueries().all(null);
    return all + "|" + app.servers().list().size() + "|"
        + app.database().find(AuditEntry.class).findCount();
  }
}
