package dev.vpnmanager.chat.telegram;

import java.util.Optional;
import dev.vpnmanager.chat.Platform;
import dev.vpnmanager.domain.ChatBinding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.domain.InviteToken;
import dev.vpnmanager.testing.telegram.ApiRequest;
import dev.vpnmanager.testing.telegram.BotApiStandIn;
import dev.vpnmanager.testing.telegram.Qr;
import dev.vpnmanager.testing.telegram.TelegramHarness;
import dev.vpnmanager.user.NewUser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Self-service: an admin's one-time invite opened from a second chat binds it and delivers the config. */
class TelegramInviteFlowTest {
  static final long FRIEND = 200;
  static final long STRANGER = 300;
  @TempDir Path dir;
  TelegramHarness h;

  @BeforeEach
  void start() throws Exception {
    h = new TelegramHarness(dir);
    h.app.users().add(Actor.cli(), new NewUser("carol", "vless", null, 10_000_000_000L,
        h.clock.instant().plus(Duration.ofDays(30)), null, null));
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private String invite() {
    ApiRequest r = h.admin("/invite carol");
    Matcher m = Pattern.compile("https://t\\.me/" + BotApiStandIn.BOT_USERNAME + "\\?start=([A-Za-z0-9_-]+)")
        .matcher(r.text());
    assertTrue(m.find(), r.text());
    return m.group(1);
  }

  @Test
  void inviteBindsTheSecondChatOnceAndSendsTheConfigWithQr() {
    String token = invite();
    InviteToken stored = h.app.database().find(InviteToken.class).findOne();
    assertFalse(stored.getTokenHash().contains(token), "only the hash is stored");
    assertEquals(h.clock.instant().plus(Duration.ofDays(7)), stored.getExpiresAt());

    ApiRequest hello = h.say(FRIEND, FRIEND, "/start " + token);
    assertTrue(hello.text().contains("carol"), hello.text());
    ApiRequest photo = h.api.await("sendPhoto", r -> r.chatId().equals("200"), TelegramHarness.WAIT);
    assertEquals(h.app.configDelivery().configFor("carol").link(), Qr.decode(photo.files().get("photo")));
    assertEquals("carol", h.app.chatBindings().userOf(Platform.TELEGRAM, "200").orElseThrow());

    ApiRequest usage = h.say(FRIEND, FRIEND, "/usage");
    assertTrue(usage.text().contains("░░░░░░░░░░ 0%"), usage.text());
    assertTrue(usage.text().contains("Used 0 B of 10.00 GB, 10.00 GB left"), usage.text());
    assertTrue(usage.text().contains("Expires: 30 Jan 2026 (in 30 days)"), usage.text());
    assertTrue(usage.text().contains("Status: active"), usage.text());

    ApiRequest reused = h.say(STRANGER, STRANGER, "/start " + token);
    assertTrue(reused.text().contains("not valid"), reused.text());
    assertFalse(reused.text().contains("carol"), reused.text());
    assertTrue(h.app.chatBindings().userOf(Platform.TELEGRAM, "300").isEmpty());
    assertTrue(h.app.audit().recent(10).stream().anyMatch(e -> e.getAction().equals("user.invite")
        && e.getActor().equals("telegram:100")));
  }

  @Test
  void anExpiredInviteIsRefusedAndAStrangerLearnsNothing() {
    String token = invite();
    h.clock.advance(Duration.ofDays(7).plusSeconds(1));
    ApiRequest late = h.say(FRIEND, FRIEND, "/start " + token);
    assertTrue(late.text().contains("not valid"), late.text());
    ApiRequest usage = h.say(STRANGER, STRANGER, "/usage");
    assertEquals("/usage is for linked accounts: open the invite link your admin sent you first.", usage.text());
    assertFalse(usage.text().contains("carol"));
    ApiRequest forged = h.say(STRANGER, STRANGER, "/start AAAAAAAAAAAAAAAAAAAAAAAA");
    assertTrue(forged.text().contains("not valid"), forged.text());
    assertEquals(0, h.app.database().find(ChatBinding.class).findCount());
  }

  @Test
  void languageFollowsLanguageCodeAndLangSwitchesIt() {
    String token = invite();
    h.api.pushText(FRIEND, FRIEND, "/start " + token, "ru");
    ApiRequest ru = h.api.await("sendMessage", r -> r.chatId().equals("200"), TelegramHarness.WAIT);
    assertTrue(ru.text().contains("привязан"), ru.text());
    ApiRequest en = h.say(FRIEND, FRIEND, "/lang en");
    assertTrue(en.text().contains("English"), en.text());
    ApiRequest usage = h.say(FRIEND, FRIEND, "/usage");
    assertTrue(usage.text().contains("Used 0 B"), usage.text());
    ApiRequest back = h.say(FRIEND, FRIEND, "/lang ru");
    assertTrue(back.text().contains("по-русски"), back.text());
    ChatBinding bound = h.app.database().find(ChatBinding.class).findOne();
    assertEquals(Optional.of("ru"), h.app.languages().of(Platform.TELEGRAM, bound.getChatId()),
        "the chat's one language row, which the notifier reads too");
    ApiRequest usageRu = h.say(FRIEND, FRIEND, "/usage");
    assertTrue(usageRu.text().contains("Использовано 0 B"), usageRu.text());
  }
}
