package dev.vpnmanager.chat.telegram;

import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.user.NewUser;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.domain.AuditEntry;
import dev.vpnmanager.testing.telegram.ApiRequest;
import dev.vpnmanager.testing.telegram.Qr;
import dev.vpnmanager.testing.telegram.TelegramHarness;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An admin runs the service from Telegram: command menus, add a user, the card's buttons, the QR photo. */
class TelegramAdminFlowTest {
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
  void publishesUserAndAdminCommandMenusInBothLanguages() {
    List<ApiRequest> menus = h.api.awaitCount("setMyCommands", r -> true, 4, TelegramHarness.WAIT);
    ApiRequest adminRu = menus.stream().filter(r -> r.param("scope").contains("\"chat_id\":\"100\"")
        || r.param("scope").contains("\"chat_id\":100")).filter(r -> "ru".equals(r.param("language_code")))
        .findFirst().orElseThrow();
    assertTrue(adminRu.param("commands").contains("\"adduser\""), adminRu.param("commands"));
    assertTrue(adminRu.param("commands").contains("создать пользователя"), adminRu.param("commands"));
    ApiRequest everyone = menus.stream().filter(r -> r.param("scope").contains("\"default\""))
        .filter(r -> r.param("language_code") == null).findFirst().orElseThrow();
    assertTrue(everyone.param("commands").contains("\"usage\""));
    assertFalse(everyone.param("commands").contains("\"adduser\""), everyone.param("commands"));
    assertFalse(everyone.param("commands").contains("\"broadcast\""));
  }

  @Test
  void adminAddsAUserAndGetsTheirQrBackAsThePhotoOfTheLink() {
    ApiRequest created = h.admin("/adduser alice vless 50GB 30d");
    assertTrue(created.text().contains("alice"), created.text());
    ApiRequest card = h.api.await("sendMessage", r -> r.text() != null && r.text().startsWith("👤 alice"),
        TelegramHarness.WAIT);
    assertTrue("HTML".equalsIgnoreCase(card.param("parse_mode")));
    String sendConfig = card.button("Send config");

    h.api.pushCallback(TelegramHarness.ADMIN, TelegramHarness.ADMIN, 1, sendConfig);
    ApiRequest photo = h.api.await("sendPhoto", r -> true, TelegramHarness.WAIT);
    String link = h.app.configDelivery().configFor("alice").link();
    assertEquals("<code>" + link.replace("&", "&amp;") + "</code>", photo.param("caption"));
    assertTrue("HTML".equalsIgnoreCase(photo.param("parse_mode")));
    assertTrue(photo.files().containsKey("photo"), photo.params() + " files " + photo.files().keySet() + photo.fileNames());
    assertEquals(link, Qr.decode(photo.files().get("photo")));
    assertEquals("qr.png", photo.fileNames().get("photo"));
    h.api.await("answerCallbackQuery", r -> true, TelegramHarness.WAIT);

    List<AuditEntry> audit = h.app.audit().recent(10);
    assertTrue(audit.stream().anyMatch(e -> e.getAction().equals("user.add")
        && e.getActor().equals("telegram:" + TelegramHarness.ADMIN) && e.getChannel().equals("telegram")), "" + audit);
  }

  @Test
  void cardButtonsEditTheMenuInPlaceAndDeleteNeedsAConfirmStep() {
    h.admin("/adduser bob vless");
    ApiRequest card = h.api.await("sendMessage", r -> r.text() != null && r.text().startsWith("👤 bob"),
        TelegramHarness.WAIT);
    h.api.pushCallback(TelegramHarness.ADMIN, TelegramHarness.ADMIN, 77, card.button("Suspend"));
    ApiRequest edited = h.api.await("editMessageText", r -> r.text().contains("suspended"), TelegramHarness.WAIT);
    assertEquals("77", edited.param("message_id"));
    assertEquals("suspended", h.app.users().show("bob").status());

    h.api.pushCallback(TelegramHarness.ADMIN, TelegramHarness.ADMIN, 77, edited.button("Delete"));
    ApiRequest confirm = h.api.await("editMessageText", r -> r.text().startsWith("Delete user bob"),
        TelegramHarness.WAIT);
    assertTrue(h.app.users().find("bob").isPresent(), "not deleted before the confirm press");
    h.api.pushCallback(TelegramHarness.ADMIN, TelegramHarness.ADMIN, 77, confirm.button("Yes"));
    h.api.await("editMessageText", r -> r.text().contains("deleted"), TelegramHarness.WAIT);
    assertTrue(h.app.users().find("bob").isEmpty());
    assertTrue(h.app.audit().recent(5).stream().anyMatch(e -> e.getAction().equals("user.delete")
        && e.getActor().equals("telegram:100")));
  }

  @Test
  void usersListPagesTenAtATimeSearchesByPrefixAndFiltersByStatus() {
    for (int i = 0; i < 23; i++) {
      h.app.users().add(Actor.cli(), new NewUser(
          String.format("user%02d", i), "vless", null, 0, null, null, null));
    }
    h.app.users().suspend(Actor.cli(), "user05", null);
    ApiRequest first = h.admin("/users");
    assertTrue(first.text().contains("23 — page 1 of 3"), first.text());
    assertEquals(10, first.buttons().stream().filter(b -> b[0].contains("user")).count());
    h.api.pushCallback(TelegramHarness.ADMIN, TelegramHarness.ADMIN, 5, first.buttonExact("▶️"));
    ApiRequest second = h.api.await("editMessageText", r -> r.text().contains("page 2 of 3"), TelegramHarness.WAIT);
    assertTrue(second.buttons().stream().anyMatch(b -> b[0].contains("user10")));
    assertTrue(second.buttons().stream().anyMatch(b -> b[0].equals("⏮")));

    ApiRequest search = h.admin("/users user1");
    assertTrue(search.text().contains(": 10 — page 1 of 1"), search.text());
    assertTrue(search.buttons().stream().filter(b -> b[0].contains("user")).allMatch(b -> b[0].contains("user1")));

    h.api.pushCallback(TelegramHarness.ADMIN, TelegramHarness.ADMIN, 6, first.buttonExact("⏸"));
    ApiRequest suspended = h.api.await("editMessageText", r -> r.text().contains("(suspended)"),
        TelegramHarness.WAIT);
    assertTrue(suspended.text().contains(": 1 — page 1 of 1"), suspended.text());
  }
}
