package dev.vpnmanager.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.chat.Platform;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.domain.ChatBinding;
import dev.vpnmanager.domain.OutboxMessage;
import dev.vpnmanager.testing.ChatDriver;
import dev.vpnmanager.testing.Cli;
import dev.vpnmanager.testing.DockerPeer;
import dev.vpnmanager.testing.telegram.ApiRequest;
import dev.vpnmanager.testing.telegram.Qr;
import dev.vpnmanager.testing.telegram.TelegramHarness;
import dev.vpnmanager.user.NewUser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rotations reach people: users rotate (Telegram card buttons, the CLI) and servers rotate-keys (the console's
 * server card, the CLI) send the bound user's private chat their new config through the durable outbox, with a
 * line saying why; the old credential is in none of it; a user without a bound chat (or bound to a group) gets
 * nothing.
 */
class RotationDeliveryTest {
  static final long CAROL = 200;
  static final long GROUP = -500;
  @TempDir Path dir;
  TelegramHarness h;

  @BeforeEach
  void start() throws Exception {
    h = new TelegramHarness(dir);
    // the CLI runs on the system clock: the bot's clock is on it too, so the CLI's messages are due at once
    h.clock.set(java.time.Instant.now());
    h.app.users().add(Actor.cli(), new NewUser("carol", "wireguard", null, 0, null, null, null));
    h.app.users().add(Actor.cli(), new NewUser("dave", "wireguard", null, 0, null, null, null));
    h.app.users().add(Actor.cli(), new NewUser("erin", "vless", null, 0, null, null, null));
    bind("carol", Long.toString(CAROL));
    bind("erin", Long.toString(GROUP));
  }

  @AfterEach
  void stop() {
    h.close();
  }

  private void bind(String user, String chat) {
    ChatBinding b = new ChatBinding();
    b.setPlatform(Platform.TELEGRAM.code());
    b.setChatId(chat);
    b.setUser(h.app.userQueries().require(user));
    h.app.database().insert(b);
  }

  private Cli.Result runCli(String... args) {
    Cli.Result r = cli().run(args);
    h.clock.set(java.time.Instant.now());
    h.app.outboxSender().wake();
    return r;
  }

  private Cli cli() {
    return new Cli(dir).env("VPN_TELEGRAM_TOKEN", TelegramHarness.TOKEN).env("VPN_TELEGRAM_API_URL", h.api.url())
        .env("VPN_ADMINS", "telegram:" + TelegramHarness.ADMIN).env("VPN_HTTP_LISTEN", "127.0.0.1:0");
  }

  private List<ApiRequest> toChat(long chat) {
    return h.api.requests().stream().filter(r -> r.status() == 200 && Long.toString(chat).equals(r.chatId())
        && r.method().startsWith("send")).toList();
  }

  /** Waits for the n-th QR photo in carol's chat and checks the config around it: the new one, not the old. */
  private void assertNewConfig(int n, String oldLink, String why) {
    List<ApiRequest> photos = h.api.awaitCount("sendPhoto", r -> r.chatId().equals(Long.toString(CAROL)), n,
        TelegramHarness.WAIT);
    String link = h.app.configDelivery().configFor("carol").link();
    assertNotEquals(oldLink, link);
    assertEquals(link, Qr.decode(photos.get(n - 1).files().get("photo")));
    ApiRequest doc = h.api.awaitCount("sendDocument", r -> r.chatId().equals(Long.toString(CAROL)), n,
        TelegramHarness.WAIT).get(n - 1);
    assertEquals(link, new String(doc.files().get("document"), StandardCharsets.UTF_8));
    List<ApiRequest> texts = h.api.awaitCount("sendMessage", r -> r.chatId().equals(Long.toString(CAROL)), n,
        TelegramHarness.WAIT);
    assertTrue(texts.get(n - 1).text().contains(why), texts.get(n - 1).text());
    // the lines the rotation changed (the user's private key, or the server's public key) are not sent again
    List<String> gone = oldLink.lines().filter(l -> !link.lines().toList().contains(l)).toList();
    assertTrue(!gone.isEmpty());
    for (ApiRequest r : List.of(photos.get(n - 1), doc, texts.get(n - 1))) {
      String sent = r.params() + new String(r.files().getOrDefault("document", new byte[0]), StandardCharsets.UTF_8);
      gone.forEach(l -> assertTrue(!sent.contains(l), "the old " + l + " is not sent: " + sent));
    }
  }

  @Test
  void usersRotateFromTheCardAndTheCliSendsTheBoundChatItsNewConfig() {
    String before = h.app.configDelivery().configFor("carol").link();
    ApiRequest card = h.admin("/user carol");
    h.api.pushCallback(TelegramHarness.ADMIN, TelegramHarness.ADMIN, 31, card.button("Rotate"));
    ApiRequest ask = h.api.await("editMessageText", r -> r.text().startsWith("Rotate carol"), TelegramHarness.WAIT);
    h.api.pushCallback(TelegramHarness.ADMIN, TelegramHarness.ADMIN, 31, ask.button("Yes"));
    assertNewConfig(1, before, "credentials were rotated");

    String second = h.app.configDelivery().configFor("carol").link();
    Cli.Result r = runCli("users", "rotate", "carol");
    assertEquals(0, r.code(), r.err());
    assertEquals(2, h.app.database().find(OutboxMessage.class).findCount(), r.out() + r.err());
    assertNewConfig(2, second, "credentials were rotated");

    // dave has no chat, erin only a group: nothing is stored or sent for them
    assertEquals(0, runCli("users", "rotate", "dave").code());
    h.app.users().rotate(Actor.cli(), "erin");
    assertEquals(List.of("config:carol", "config:carol"), h.app.database().find(OutboxMessage.class).findList()
        .stream().map(OutboxMessage::getRef).toList());
    assertTrue(toChat(GROUP).isEmpty(), "no config to a group: " + toChat(GROUP));
  }

  @Test
  void serversRotateKeysFromTheConsoleAndTheCliSendsEveryBoundUserOfTheServer() {
    String before = h.app.configDelivery().configFor("carol").link();
    String dave = h.app.configDelivery().configFor("dave").link();
    String server = h.app.users().show("carol").server();

    DockerPeer.runtime(); // the server card shows the container's state
    ChatDriver owner = ChatDriver.owner(h.app.router());
    owner.say("/server " + server);
    Reply ask = owner.press("Rotate keys");
    assertTrue(ask.allText().contains("New keys for server " + server + "? Every config of its 2 user(s)"),
        ask.allText());
    assertEquals(before, h.app.configDelivery().configFor("carol").link(), "nothing changes before the confirm");
    Reply done = owner.press("Yes");
    assertTrue(done.allText().contains("Server " + server + " has new keys (it is not deployed"), done.allText());
    assertNewConfig(1, before, "keys of your VPN server " + server + " were renewed");
    assertNotEquals(dave, h.app.configDelivery().configFor("dave").link(), "every user of the server changed");

    String second = h.app.configDelivery().configFor("carol").link();
    Cli.Result r = runCli("servers", "rotate-keys", server);
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("new keys for server " + server + "; it is not deployed"), r.out());
    assertNewConfig(2, second, "were renewed");
    assertEquals(2, h.app.database().find(OutboxMessage.class).findCount(), "only carol has a private chat");
  }
}
