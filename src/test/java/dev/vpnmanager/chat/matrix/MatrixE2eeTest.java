package dev.vpnmanager.chat.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.testing.Peers;
import dev.vpnmanager.testing.matrix.Person;
import dev.vpnmanager.testing.matrix.Synapse;
import dev.vpnmanager.user.NewUser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An encrypted direct chat, as Element opens one: the bot signs in through pantalaimon (VPN_MATRIX_HOMESERVER
 * pointing at the proxy is all it takes) and a person with an encrypting client the project did not write
 * (matrix-nio with its e2e extra, src/test/python/e2ee_person.py) talks to Synapse directly.
 */
class MatrixE2eeTest {
  @TempDir Path dir;

  @Test
  void commandInAnEncryptedDirectChatIsAnsweredEncryptedWithTheQrImage() throws Exception {
    Synapse hs = Synapse.require();
    String pantalaimon = hs.pantalaimon();
    Path python = Path.of(System.getenv().getOrDefault("VPN_TEST_MATRIX_PYTHON",
        "/opt/vpn-manager-peers/matrix/bin/python"));
    if (!Files.isExecutable(python)) {
      String msg = "no matrix-nio[e2e] venv at " + python + ": run scripts/install-peers.sh";
      if (Peers.required()) {
        fail(msg);
      }
      assumeTrue(false, msg);
    }
    Path zbarimg = Peers.binary("zbarimg", "zbar-tools");
    String botPassword = "bot-pw-" + System.nanoTime();
    String botId = hs.register(hs.name("e2ebot"), botPassword, false);
    String adminName = hs.name("e2eboss");
    String adminPassword = "boss-pw-" + System.nanoTime();
    String adminId = hs.register(adminName, adminPassword, false);
    Map<String, String> settings = Map.of("admins", "matrix:" + adminId, "matrix.homeserver", pantalaimon,
        "matrix.user", botId, "matrix.password", botPassword);
    try (MatrixBots bots = MatrixBots.start(dir.resolve("bot"), Clock.systemUTC(), settings)) {
      bots.app().users().add(Actor.cli(), NewUser.of("carol", "vless"));
      Path out = Files.createDirectories(dir.resolve("out"));
      Process p = new ProcessBuilder(python.toString(), Path.of("src/test/python/e2ee_person.py").toAbsolutePath()
          .toString(), hs.url(), adminName, adminPassword, botId, Files.createDirectories(dir.resolve("nio"))
          .toString(), out.toString(), "4", "start", "config carol")
          .redirectError(dir.resolve("nio.err").toFile()).start();
      String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the nio client finished");
      String err = Files.readString(dir.resolve("nio.err"));
      assertEquals(0, p.exitValue(), stdout + "\n" + err);
      List<JsonNode> lines = new ArrayList<>();
      ObjectMapper json = new ObjectMapper();
      for (String line : stdout.split("\n")) {
        if (!line.isBlank()) {
          lines.add(json.readTree(line));
        }
      }
      String room = lines.get(0).path("room").asText();
      List<JsonNode> replies = lines.subList(1, lines.size());
      assertTrue(replies.stream().allMatch(r -> r.path("decrypted").asBoolean()), "every reply arrived encrypted "
          + "and nio decrypted it: " + replies);
      assertTrue(replies.stream().anyMatch(r -> r.path("body").asText().contains("Hello, admin")), replies.toString());
      JsonNode image = replies.stream().filter(r -> "m.image".equals(r.path("kind").asText())).findFirst()
          .orElseThrow(() -> new AssertionError("no image: " + replies));
      String caption = replies.stream().map(r -> r.path("body").asText()).filter(b -> b.startsWith("vless://"))
          .findFirst().orElseThrow(() -> new AssertionError("no link: " + replies));
      Process z = new ProcessBuilder(zbarimg.toString(), "--raw", "-q", image.path("file").asText())
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String decoded = new String(z.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      assertTrue(z.waitFor(30, TimeUnit.SECONDS));
      assertEquals(caption, decoded, "the decrypted QR image holds the link");
      // and on the homeserver itself the bot's events are ciphertext
      Person admin = hs.login(adminName, adminPassword);
      List<JsonNode> stored = admin.eventsFrom(room, botId);
      assertTrue(!stored.isEmpty() && stored.stream().allMatch(e -> "m.room.encrypted".equals(e.path("type").asText())),
          "Synapse holds only m.room.encrypted events from the bot: " + stored);
    }
  }

  /** pantalaimon encrypts what is uploaded through it: an unencrypted room must still get a readable QR image. */
  @Test
  void anUnencryptedRoomBehindTheProxyGetsAPlainQrImage() throws Exception {
    Synapse hs = Synapse.require();
    String pantalaimon = hs.pantalaimon();
    Path zbarimg = Peers.binary("zbarimg", "zbar-tools");
    String botPassword = "bot-pw-" + System.nanoTime();
    String botId = hs.register(hs.name("panbot"), botPassword, false);
    Person admin = hs.person(hs.name("panboss"), "boss-pw", false);
    Map<String, String> settings = Map.of("admins", "matrix:" + admin.userId(), "matrix.homeserver", pantalaimon,
        "matrix.user", botId, "matrix.password", botPassword);
    try (MatrixBots bots = MatrixBots.start(dir.resolve("bot"), Clock.systemUTC(), settings)) {
      bots.app().users().add(Actor.cli(), NewUser.of("carol", "vless"));
      String dm = admin.createRoom(botId, true);
      long deadline = System.currentTimeMillis() + 20_000;
      while (!admin.membership(dm, botId).equals("join") && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      admin.say(dm, "config carol");
      List<JsonNode> got = admin.awaitMessagesFrom(dm, botId, 3, 20_000);
      JsonNode image = got.stream().filter(e -> "m.image".equals(MatrixSynapseTest.kind(e))).findFirst()
          .orElseThrow(() -> new AssertionError("no image: " + got));
      String link = got.stream().map(MatrixSynapseTest::body).filter(b -> b.startsWith("vless://")).findFirst()
          .orElseThrow(() -> new AssertionError("no link: " + got));
      Path png = dir.resolve("plain.png");
      Files.write(png, admin.download(image.path("content").path("url").asText()));
      assertEquals(link, MatrixSynapseTest.zbar(zbarimg, png).strip(), "the stored image is the plain PNG");
      String doctor = MatrixProbe.describe(dev.vpnmanager.config.Settings.of(settings));
      assertTrue(doctor.contains("encrypted rooms: through an encryption proxy"), doctor);
      String direct = MatrixProbe.describe(dev.vpnmanager.config.Settings.of(Map.of("matrix.homeserver", hs.url(),
          "matrix.user", admin.userId(), "matrix.password", "boss-pw")));
      assertTrue(direct.contains("encrypted rooms: not readable"), direct);
    }
  }
}
