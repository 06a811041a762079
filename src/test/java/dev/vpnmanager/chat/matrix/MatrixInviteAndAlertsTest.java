package dev.vpnmanager.chat.matrix;

import static dev.vpnmanager.chat.matrix.MatrixBots.ADMIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vpnmanager.audit.Actor;
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

/** Invites bind a Matrix chat like a Telegram one, and alerts from the Notifier reach Matrix users and admins. */
class MatrixInviteAndAlertsTest {
  static final String CAROL = "@carol:" + FakeHomeserver.SERVER;
  @TempDir Path dir;
  FakeHomeserver hs;
  MatrixBots bots;

  @BeforeEach
  void setUp() throws Exception {
    hs = new FakeHomeserver();
    bots = MatrixBots.start(dir, hs);
    bots.app().users().add(Actor.cli(), NewUser.of("carol", "wireguard"));
  }

  @AfterEach
  void tearDown() {
    bots.close();
    hs.close();
  }

  private void awaitJoined(String room) throws InterruptedException {
    for (int i = 0; i < 100 && !"join".equals(hs.membership(room)); i++) {
      Thread.sleep(50);
    }
    assertEquals("join", hs.membership(room));
  }

  @Test
  void inviteTokenBindsTheRoomAndAlertsArrive() throws Exception {
    String adminRoom = hs.inviteBot(ADMIN, true);
    awaitJoined(adminRoom);
    hs.say(adminRoom, ADMIN, "!vpn invite carol");
    String invite = hs.awaitBotMessages(adminRoom, 1, 5000).get(0).path("content").path("body").asText();
    Matcher m = Pattern.compile("/start (\\S+)").matcher(invite);
    assertTrue(m.find(), invite);

    String shared = hs.roomWithBot(ADMIN);
    hs.say(shared, CAROL, "!vpn start " + m.group(1));
    String carolRoom = hs.inviteBot(CAROL, true);
    awaitJoined(carolRoom);
    hs.say(carolRoom, CAROL, "!vpn usage");
    assertTrue(text(hs.awaitBotMessages(carolRoom, 1, 5000)).contains("invite"), "unbound before the invite");
    assertTrue(hs.botMessages(shared).isEmpty(), "a stranger in a shared room gets no answer, the invite is not spent");
    hs.say(carolRoom, CAROL, "!vpn start " + m.group(1));
    // the refusal, then: bound text, QR image, link as code, the .conf file and its caption
    List<JsonNode> afterStart = hs.awaitBotMessages(carolRoom, 6, 5000);
    assertEquals(6, afterStart.size(), text(afterStart));
    assertTrue(text(afterStart).contains("carol"), text(afterStart));
    assertTrue(afterStart.stream().anyMatch(e -> "m.image".equals(e.path("content").path("msgtype").asText())),
        "the config QR arrives as an image");
    int seen = hs.botMessages(carolRoom).size();
    hs.say(carolRoom, CAROL, "!vpn usage");
    List<JsonNode> usage = hs.awaitBotMessages(carolRoom, seen + 1, 5000);
    assertTrue(usage.get(usage.size() - 1).path("content").path("body").asText().contains("carol"), text(usage));

    int before = hs.botMessages(carolRoom).size();
    assertTrue(bots.app().notifier().messageToUser("carol", "user.quota80", "8.00 GB", "10.00 GB", 80));
    List<JsonNode> warned = hs.awaitBotMessages(carolRoom, before + 1, 5000);
    assertTrue(warned.get(warned.size() - 1).path("content").path("body").asText().contains("8.00 GB of your 10.00 GB"),
        text(warned));

    assertTrue(bots.app().notifier().messageToAdmins("admin.server-down", "wireguard-1", "stopped"));
    assertEquals(List.of(), hs.roomsCreatedFor(ADMIN), "alerts go to the direct chat the admin opened");
    int adminSeen = hs.botMessages(adminRoom).size();
    assertTrue(text(hs.awaitBotMessages(adminRoom, adminSeen + 1, 5000)).contains("Server wireguard-1 is down"));
  }

  private static String text(List<JsonNode> events) {
    StringBuilder b = new StringBuilder();
    events.forEach(e -> b.append(e.path("content").path("body").asText()).append('\n'));
    return b.toString();
  }
}
