package dev.vpnmanager.chat.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.testing.Peers;
import dev.vpnmanager.testing.matrix.Person;
import dev.vpnmanager.testing.matrix.Synapse;
import dev.vpnmanager.user.NewUser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Matrix bot against a real Synapse (scripts/test-synapse.sh): sign-in with a password and with a token,
 * joining on an admin's invite only, commands in a room and in a direct chat, the config as m.image and
 * m.file through the media repository, the sync token across a restart, and Synapse's own rate limit.
 */
class MatrixSynapseTest {
  static final long WAIT = 20_000;
  @TempDir Path dir;
  Synapse hs;
  String botId;
  String botPassword = "bot-pw-" + System.nanoTime();
  Person admin;

  @BeforeEach
  void setUp() {
    hs = Synapse.require();
    String bot = hs.name("vpnbot");
    botId = hs.register(bot, botPassword, false);
    admin = hs.person(hs.name("boss"), "boss-pw", true);
  }

  private Map<String, String> settings() {
    Map<String, String> s = new HashMap<>();
    s.put("admins", "matrix:" + admin.userId());
    s.put("matrix.homeserver", hs.url());
    s.put("matrix.user", botId);
    s.put("matrix.password", botPassword);
    return s;
  }

  private MatrixBots start(Map<String, String> settings) throws InterruptedException {
    return MatrixBots.start(dir, Clock.systemUTC(), settings);
  }

  @Test
  void joinsAnAdminsRoomsAndOneDirectChatPerPersonAndAnswersInRoomsAndDirectChats() throws Exception {
    Person stranger = hs.person(hs.name("mallory"), "mallory-pw", false);
    try (MatrixBots bots = start(settings())) {
      String groupFromStranger = stranger.createRoom(botId, false);
      String fromStranger = stranger.createRoom(botId, true);
      String dm = admin.createRoom(botId, true);
      String group = admin.createRoom(botId, false);
      awaitMembership(admin, dm, "join");
      awaitMembership(admin, group, "join");
      awaitMembership(stranger, groupFromStranger, "leave");
      awaitMembership(stranger, fromStranger, "join");
      String second = stranger.createRoom(botId, true);
      awaitMembership(stranger, second, "leave");
      stranger.say(fromStranger, "start");
      String toStranger = body(stranger.awaitMessagesFrom(fromStranger, botId, 1, WAIT).get(0));
      assertTrue(toStranger.contains("invite"), "a stranger's own direct chat gets the greeting: " + toStranger);

      admin.say(dm, "start");
      String answer = body(admin.awaitMessagesFrom(dm, botId, 1, WAIT).get(0));
      assertTrue(answer.contains("Hello, admin"), "a plain command in a direct chat is answered: " + answer);
      admin.say(group, "start");
      admin.say(group, "!vpn start");
      List<JsonNode> inGroup = admin.awaitMessagesFrom(group, botId, 1, WAIT);
      Thread.sleep(500);
      assertEquals(1, admin.messagesFrom(group, botId).size(), "only the !vpn command is answered in a group room");
      assertTrue(body(inGroup.get(0)).contains("Hello, admin"), body(inGroup.get(0)));
      assertEquals("leave", stranger.membership(groupFromStranger, botId));
    }
  }

  @Test
  void tokenSignInAndTheConfigArrivesAsImageAndFileThroughTheMediaRepository() throws Exception {
    Path zbarimg = Peers.binary("zbarimg", "zbar-tools");
    Map<String, String> s = settings();
    s.remove("matrix.password");
    s.put("matrix.token", hs.accessToken(botId, botPassword));
    try (MatrixBots bots = start(s)) {
      bots.app().users().add(Actor.cli(), NewUser.of("carol", "wireguard"));
      String dm = admin.createRoom(botId, true);
      awaitMembership(admin, dm, "join");
      admin.say(dm, "config carol");
      List<JsonNode> got = awaitKinds(dm, List.of("m.image", "m.file"));
      JsonNode image = got.stream().filter(e -> kind(e).equals("m.image")).findFirst().orElseThrow();
      JsonNode file = got.stream().filter(e -> kind(e).equals("m.file")).findFirst().orElseThrow();
      byte[] conf = admin.download(file.path("content").path("url").asText());
      String text = new String(conf, StandardCharsets.UTF_8);
      assertTrue(text.contains("[Interface]") && text.contains("[Peer]"), text);
      Path png = dir.resolve("qr.png");
      Files.write(png, admin.download(image.path("content").path("url").asText()));
      assertEquals(text.strip(), zbar(zbarimg, png).strip(), "the QR code holds exactly the .conf file");
    }
  }

  @Test
  void syncTokenCarriesOverARestart() throws Exception {
    String dm;
    try (MatrixBots first = start(settings())) {
      dm = admin.createRoom(botId, true);
      awaitMembership(admin, dm, "join");
      admin.say(dm, "adduser alice vless");
      admin.awaitMessagesFrom(dm, botId, 2, WAIT);
    }
    admin.say(dm, "adduser bob vless");
    try (MatrixBots second = start(settings())) {
      admin.awaitMessagesFrom(dm, botId, 4, WAIT);
      Thread.sleep(500);
      List<String> created = admin.messagesFrom(dm, botId).stream().map(MatrixSynapseTest::body)
          .filter(b -> b.contains("created")).toList();
      assertEquals(List.of("✅ User alice created.", "✅ User bob created."), created,
          "alice once (not again after the restart), bob sent while the bot was down");
      assertEquals("vless", second.app().users().show("bob").protocol());
    }
  }

  @Test
  void synapsesRateLimitIsWaitedOut() throws Exception {
    try (MatrixBots bots = start(settings())) {
      String room = admin.createRoom(botId, false);
      awaitMembership(admin, room, "join");
      // first show that the limit bites: a person under it gets 429 when sending fast
      Person probe = hs.person(hs.name("probe"), "probe-pw", false);
      hs.limitMessages(admin, probe.userId(), 1, 1);
      String probeRoom = probe.createRoom(admin.userId(), false);
      int refused = 0;
      for (int i = 0; i < 5; i++) {
        refused += probe.trySay(probeRoom, "fast " + i) == 429 ? 1 : 0;
      }
      assertTrue(refused > 0, "Synapse refuses fast sends under rc_message 1/s");
      hs.limitMessages(admin, botId, 1, 1);
      long t0 = System.nanoTime();
      for (int i = 1; i <= 5; i++) {
        bots.bot().send(room, Reply.text("line " + i));
      }
      // sends are queued (the outbox): measure until the fifth line has arrived
      List<String> lines = admin.awaitMessagesFrom(room, botId, 5, WAIT).stream().map(MatrixSynapseTest::body).toList();
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      assertEquals(List.of("line 1", "line 2", "line 3", "line 4", "line 5"), lines, "each once, in order");
      assertTrue(ms >= 2500, "the bot waited out the 429s (" + ms + " ms)");
    }
  }

  private List<JsonNode> awaitKinds(String room, List<String> kinds) throws InterruptedException {
    long deadline = System.currentTimeMillis() + WAIT;
    List<JsonNode> got = admin.messagesFrom(room, botId);
    while (!got.stream().map(MatrixSynapseTest::kind).toList().containsAll(kinds)
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
      got = admin.messagesFrom(room, botId);
    }
    assertTrue(got.stream().map(MatrixSynapseTest::kind).toList().containsAll(kinds), got.toString());
    return got;
  }

  static String zbar(Path zbarimg, Path png) throws Exception {
    // stderr apart: zbarimg complains there about a missing D-Bus, which is no part of the decoded text
    Process p = new ProcessBuilder(zbarimg.toString(), "--raw", "-q", png.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  /** Waits until the bot's membership in the room, as {@code who} sees it, is {@code want}. */
  private void awaitMembership(Person who, String room, String want) throws InterruptedException {
    long deadline = System.currentTimeMillis() + WAIT;
    String m;
    while (!(m = who.membership(room, botId)).equals(want) && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    assertEquals(want, m, "the bot's membership in " + room);
  }

  static String kind(JsonNode e) {
    return e.path("content").path("msgtype").asText();
  }

  static String body(JsonNode e) {
    return e.path("content").path("body").asText();
  }
}
