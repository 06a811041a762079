package dev.vpnmanager.chat.telegram;

import dev.vpnmanager.domain.UsedNonce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.chat.router.CommandSpec;
import dev.vpnmanager.chat.router.Role;
import dev.vpnmanager.domain.AuditEntry;
import dev.vpnmanager.domain.ChatBinding;
import dev.vpnmanager.domain.InviteToken;
import dev.vpnmanager.domain.StateEntry;
import dev.vpnmanager.domain.VpnUser;
import dev.vpnmanager.testing.telegram.ApiRequest;
import dev.vpnmanager.testing.telegram.TelegramHarness;
import dev.vpnmanager.user.NewUser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Strangers are refused every admin command; forged, foreign, stale and replayed buttons change nothing. */
class TelegramAccessTest {
  static final long STRANGER = 300;
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

  private List<Integer> snapshot() {
    var db = h.app.database();
    VpnUser dave = db.find(VpnUser.class).where().eq("username", "dave").findOne();
    return List.of(db.find(VpnUser.class).findCount(), db.find(AuditEntry.class).findCount(),
        db.find(InviteToken.class).findCount(), db.find(ChatBinding.class).findCount(),
        db.find(StateEntry.class).findCount(), db.find(UsedNonce.class).findCount(),
        dave == null ? -1 : (int) dave.getVersion());
  }

  @Test
  void aStrangerTryingEveryAdminCommandIsRefusedAndNothingChanges() {
    List<Integer> before = snapshot();
    List<CommandSpec> adminOnly = h.app.router().visibleTo(Role.ADMIN).stream()
        .filter(s -> s.role() == Role.ADMIN).toList();
    assertTrue(adminOnly.size() >= 10, "" + adminOnly);
    for (CommandSpec s : adminOnly) {
      String args = switch (s.name()) {
        case "adduser" -> " evil vless";
        case "broadcast" -> " hello everyone";
        case "renew" -> " dave 30 10GB";
        default -> " dave";
      };
      ApiRequest r = h.say(STRANGER, STRANGER, "/" + s.name() + args);
      assertTrue(r.text().contains("admins only"), s.name() + ": " + r.text());
      assertTrue(!r.text().contains("dave") && !r.text().contains("evil"), r.text());
    }
    h.api.pushText(STRANGER, STRANGER, "/deluser dave", "ru");
    h.api.await("sendMessage", r -> r.text().equals("⛔ /deluser — только для администраторов."),
        TelegramHarness.WAIT);
    assertEquals(before, snapshot());
  }

  @Test
  void forgedForeignStaleAndReplayedButtonsAreAnsweredWithANoticeAndChangeNothing() {
    ApiRequest card = h.admin("/user dave");
    String suspend = card.button("Suspend");
    List<Integer> before = snapshot();

    h.api.pushCallback(TelegramHarness.ADMIN, TelegramHarness.ADMIN, 9, "user:sus:1~zzzzz~~AAAAAAAAAAAA");
    h.api.await("answerCallbackQuery", r -> "This button is not valid.".equals(r.param("text")),
        TelegramHarness.WAIT);
    h.api.pushCallback(STRANGER, STRANGER, 9, suspend);
    h.api.awaitCount("answerCallbackQuery", r -> "This button is not valid.".equals(r.param("text")), 2,
        TelegramHarness.WAIT);
    h.api.pushCallback(TelegramHarness.ADMIN, STRANGER, 9, suspend);
    h.api.await("answerCallbackQuery", r -> "⛔ Not allowed.".equals(r.param("text")), TelegramHarness.WAIT);
    assertEquals(before, snapshot());
    assertEquals(0, h.api.requests("editMessageText").size());

    h.api.pushCallback(TelegramHarness.ADMIN, TelegramHarness.ADMIN, 9, suspend);
    h.api.await("editMessageText", r -> r.text().contains("Status: suspended"), TelegramHarness.WAIT);
    h.api.pushCallback(TelegramHarness.ADMIN, TelegramHarness.ADMIN, 9, suspend);
    h.api.await("answerCallbackQuery", r -> "This button was already used.".equals(r.param("text")),
        TelegramHarness.WAIT);
    assertEquals(1, h.app.audit().recent(20).stream().filter(e -> e.getAction().equals("user.suspended")).count());

    String resume = h.admin("/user dave").button("Resume");
    h.clock.advance(Duration.ofDays(8));
    h.api.pushCallback(TelegramHarness.ADMIN, TelegramHarness.ADMIN, 9, resume);
    h.api.await("answerCallbackQuery", r -> "This menu has expired. Open it again.".equals(r.param("text")),
        TelegramHarness.WAIT);
    assertEquals("suspended", h.app.users().show("dave").status());
  }
}
