package dev.vpnmanager.chat.matrix;

import static dev.vpnmanager.chat.matrix.MatrixBots.ADMIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vpnmanager.common.NotFoundException;
import dev.vpnmanager.testing.matrix.FakeHomeserver;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.storage.StateStore;
import dev.vpnmanager.storage.Tx;
import dev.vpnmanager.testing.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sync token lives in the database: a new bot skips history; a restarted one neither repeats nor misses. */
class MatrixRestartTest {
  @TempDir Path dir;

  @Test
  void firstStartSkipsHistoryAndRestartNeitherRepeatsNorMisses() throws Exception {
    try (FakeHomeserver hs = new FakeHomeserver()) {
      String room = hs.roomWithBot(ADMIN);
      hs.say(room, ADMIN, "!vpn adduser old vless");
      try (MatrixBots first = MatrixBots.start(dir, hs)) {
        hs.say(room, ADMIN, "!vpn adduser bob vless");
        hs.awaitBotMessages(room, 1, 5000);
        assertThrows(NotFoundException.class, () -> first.app().users().show("old"), "history is skipped");
      }
      hs.say(room, ADMIN, "!vpn adduser carol wireguard");
      try (MatrixBots second = MatrixBots.start(dir, hs)) {
        hs.awaitBotMessages(room, 4, 5000);
        Thread.sleep(300);
        List<String> created = hs.botMessages(room).stream().map(MatrixRestartTest::body)
            .filter(b -> b.contains("created")).toList();
        assertEquals(List.of("✅ User bob created.", "✅ User carol created."), created,
            "bob once (not again after the restart), carol sent while the bot was down");
        assertEquals("wireguard", second.app().users().show("carol").protocol());
        hs.say(room, ADMIN, "!vpn user bob");
        assertTrue(body(hs.awaitBotMessages(room, 5, 5000).get(4)).contains("bob"));
      }
      long logins = hs.requests().stream().filter(r -> r.path().endsWith("/login")).count();
      assertEquals(2, logins);
      List<String> devices = hs.requests().stream().filter(r -> r.path().endsWith("/login"))
          .map(r -> r.json().path("device_id").asText("")).toList();
      assertEquals("", devices.get(0), "the first login asks for a new device");
      assertTrue(devices.get(1).startsWith("DEV"), "the restart reuses the device: " + devices);
    }
  }

  @Test
  void eventsOfABatchCutShortAreNotHandledTwice() throws Exception {
    try (FakeHomeserver hs = new FakeHomeserver()) {
      String room = hs.roomWithBot(ADMIN);
      try (MatrixBots first = MatrixBots.start(dir, hs)) {
        // the bot caught up; it goes down before the next two commands
      }
      String renewed = hs.say(room, ADMIN, "!vpn adduser alice vless");
      hs.say(room, ADMIN, "!vpn adduser bob vless");
      AppComponent app = TestApp.create(dir);
      StateStore store = new StateStore(new Tx(app.database()));
      String since = store.get(MatrixState.NEXT_BATCH).orElseThrow();
      // as if the bot had acted on the first command and crashed before saving the token after the batch
      store.put(HandledEvents.KEY, since + "\n" + renewed);
      app.database().shutdown();
      try (MatrixBots second = MatrixBots.start(dir, hs)) {
        hs.awaitBotMessages(room, 2, 5000);
        Thread.sleep(300);
        List<String> created = hs.botMessages(room).stream().map(MatrixRestartTest::body)
            .filter(b -> b.contains("created")).toList();
        assertEquals(List.of("✅ User bob created."), created, "the handled event is skipped, the next one runs");
        assertThrows(NotFoundException.class, () -> second.app().users().show("alice"));
      }
    }
  }

  @Test
  void aCommandLeftWaitingRunsOnceAtTheNextStartAndNoneIsLeftStored() throws Exception {
    try (FakeHomeserver hs = new FakeHomeserver()) {
      String room = hs.roomWithBot(ADMIN);
      try (MatrixBots first = MatrixBots.start(dir, hs)) {
        hs.say(room, ADMIN, "!vpn adduser alice vless");
        hs.awaitBotMessages(room, 1, 5000);
        first.awaitSent();
      }
      AppComponent app = TestApp.create(dir);
      StateStore store = new StateStore(new Tx(app.database()));
      assertEquals(Map.of(), store.withPrefix(QueuedCommands.PREFIX), "a command that ran leaves no row");
      // as if the bot had read this command (claimed, stored) and was killed before it began
      QueuedCommands.Command left = new QueuedCommands.Command(QueuedCommands.PREFIX + "0000000000000000007", room,
          ADMIN, "!vpn adduser bob vless", "$left-waiting");
      store.put(left.key(), left.value());
      app.database().shutdown();
      try (MatrixBots second = MatrixBots.start(dir, hs)) {
        hs.awaitBotMessages(room, 2, 5000);
        second.awaitSent();
        Thread.sleep(300);
        List<String> created = hs.botMessages(room).stream().map(MatrixRestartTest::body)
            .filter(b -> b.contains("created")).toList();
        assertEquals(List.of("✅ User alice created.", "✅ User bob created."), created);
        assertEquals("vless", second.app().users().show("bob").protocol());
        assertEquals(Map.of(), new StateStore(new Tx(second.app().database())).withPrefix(QueuedCommands.PREFIX));
      }
    }
  }

  private static String body(JsonNode event) {
    return event.path("content").path("body").asText();
  }
}
