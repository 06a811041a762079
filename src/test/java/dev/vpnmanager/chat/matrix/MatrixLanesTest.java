package dev.vpnmanager.chat.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.server.runtime.ManagedContainer;
import dev.vpnmanager.storage.Tx;
import dev.vpnmanager.testing.DockerPeer;
import dev.vpnmanager.testing.DockerSocketProxy;
import dev.vpnmanager.testing.ServeProcess;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.testing.matrix.Person;
import dev.vpnmanager.testing.matrix.Synapse;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A slow command in one Matrix room holds up only that room, against a real Synapse and a real Docker engine: an
 * admin's {@code !vpn install socks} in room A waits for its container (a socket in front of the engine holds the
 * answer to the container start back), and meanwhile a command in room B is answered and an invite to room C is
 * taken (the sync loop goes on); room A's next command is answered only after the install, in order. A real
 * {@code serve} killed with SIGKILL while the install waits never runs that install again, and the command that
 * waited behind it is answered (once) after the next start.
 */
class MatrixLanesTest {
  static final long WAIT = 20_000;
  /** How long the container start is held; everything in rooms B and C must happen well within it. */
  static final Duration HOLD = Duration.ofSeconds(30);
  @TempDir Path dir;

  @Test
  void aCommandWaitingInOneRoomHoldsUpNeitherOtherRoomsNorTheSyncLoopAndARoomKeepsItsOrder() throws Exception {
    ContainerRuntime rt = DockerPeer.runtime();
    String image = DockerPeer.requireImage(rt, DockerPeer.XRAY);
    Synapse hs = Synapse.require();
    String password = "bot-pw-" + System.nanoTime();
    String botId = hs.register(hs.name("vpnbot"), password, false);
    Person admin = hs.person(hs.name("boss"), "boss-pw", true);
    String name = "lanes-" + Long.toString(System.nanoTime(), 36);
    try (DockerSocketProxy docker = new DockerSocketProxy(dir);
         MatrixBots bots = MatrixBots.start(dir.resolve("data"), Clock.systemUTC(), Map.of(
             "admins", "matrix:" + admin.userId(), "matrix.homeserver", hs.url(), "matrix.user", botId,
             "matrix.password", password, "docker.host", docker.host(), "images.socks", image,
             "firewall.mode", "off"))) {
      try {
        int port = freePort();
        new Tx(bots.app().database()).run(txn -> bots.app().servers().define(txn, Actor.cli(), "socks", name, port));
        String roomA = admin.createRoom(botId, false);
        String roomB = admin.createRoom(botId, false);
        awaitMembership(admin, roomA, botId, "join");
        awaitMembership(admin, roomB, botId, "join");

        docker.holdStarts(HOLD);
        admin.say(roomA, "!vpn install socks");
        admin.say(roomA, "!vpn whoami");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (docker.starts() == 0) {
          assertTrue(System.nanoTime() < deadline, "the install never started its container");
          Thread.sleep(20);
        }
        long held = System.nanoTime();

        admin.say(roomB, "!vpn whoami");
        List<JsonNode> inB = admin.awaitMessagesFrom(roomB, botId, 1, WAIT);
        long answeredB = (System.nanoTime() - held) / 1_000_000;
        assertEquals(1, inB.size(), "room B got no answer while room A's install waited");
        assertTrue(body(inB.get(0)).contains("role: admin"), body(inB.get(0)));
        assertEquals(List.of(), bodies(admin, roomA, botId), "room A's install was still waiting when B was answered");

        String roomC = admin.createRoom(botId, false);
        awaitMembership(admin, roomC, botId, "join");
        long joinedC = (System.nanoTime() - held) / 1_000_000;
        assertEquals(List.of(), bodies(admin, roomA, botId), "room A's install was still waiting when C was joined");
        assertTrue(joinedC < HOLD.toMillis() - 5_000, "B answered and C joined within the hold: " + joinedC + " ms");
        System.out.printf("MatrixLanesTest: while the install waited, room B answered after %d ms and room C was"
            + " joined after %d ms%n", answeredB, joinedC);

        List<String> inA = awaitBodies(admin, roomA, botId, List.of(name, "role: admin"), HOLD.toMillis() + 60_000);
        int card = indexOf(inA, name);
        int whoami = indexOf(inA, "role: admin");
        assertTrue(card >= 0 && card < whoami, "room A's commands answered in order: " + inA);
        assertEquals(1, inA.stream().filter(b -> b.contains("role: admin")).count(), "whoami once: " + inA);
      } finally {
        rt.inspect(ManagedContainer.name(name)).ifPresent(c -> rt.remove(c.id()));
      }
    }
  }

  @Test
  void killedMidCommandThatCommandNeverRunsAgainAndTheOneQueuedBehindItRunsAtTheNextStart() throws Exception {
    ContainerRuntime rt = DockerPeer.runtime();
    String image = DockerPeer.requireImage(rt, DockerPeer.XRAY);
    Synapse hs = Synapse.require();
    String password = "bot-pw-" + System.nanoTime();
    String botId = hs.register(hs.name("vpnbot"), password, false);
    Person admin = hs.person(hs.name("boss"), "boss-pw", true);
    String name = "lanes-" + Long.toString(System.nanoTime(), 36);
    Path data = dir.resolve("data");
    AppComponent app = TestApp.create(data);
    int port = freePort();
    new Tx(app.database()).run(txn -> app.servers().define(txn, Actor.cli(), "socks", name, port));
    app.database().shutdown();
    String room = admin.createRoom(botId, false);
    try (DockerSocketProxy docker = new DockerSocketProxy(dir);
         ServeProcess serve = new ServeProcess(data, dir, Map.of("VPN_MATRIX_HOMESERVER", hs.url(),
             "VPN_MATRIX_USER", botId, "VPN_MATRIX_PASSWORD", password, "VPN_ADMINS", "matrix:" + admin.userId(),
             "VPN_DOCKER_HOST", docker.host(), "VPN_IMAGES_SOCKS", image, "VPN_FIREWALL_MODE", "off"))) {
      try {
        serve.start();
        awaitMembership(admin, room, botId, "join");
        docker.holdStarts(Duration.ofSeconds(120));
        admin.say(room, "!vpn install socks");
        admin.say(room, "!vpn whoami");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (docker.starts() == 0) {
          assertTrue(System.nanoTime() < deadline, "the install never started its container:\n" + serve.logs());
          Thread.sleep(20);
        }
        Thread.sleep(2_000); // the bot has read the whoami by now; it waits behind the install
        serve.kill9();

        docker.holdStarts(Duration.ZERO);
        serve.start();
        List<String> inRoom = awaitBodies(admin, room, botId, List.of("role: admin"), 60_000);
        Thread.sleep(3_000); // room for a second answer or a second install, if one were coming
        inRoom = bodies(admin, room, botId);
        assertEquals(1, inRoom.stream().filter(b -> b.contains("role: admin")).count(), "whoami once: " + inRoom);
        assertEquals(1, docker.starts(), "the install cut by the kill was not run again:\n" + serve.logs());
        assertTrue(serve.log(2).contains("1 command(s) left waiting by the last run"), serve.log(2));
      } finally {
        rt.inspect(ManagedContainer.name(name)).ifPresent(c -> rt.remove(c.id()));
      }
    }
  }

  private static List<String> bodies(Person who, String room, String botId) {
    return who.messagesFrom(room, botId).stream().map(MatrixLanesTest::body).toList();
  }

  private static List<String> awaitBodies(Person who, String room, String botId, List<String> wanted, long millis)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    while (!wanted.stream().allMatch(w -> indexOf(bodies(who, room, botId), w) >= 0)
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
    }
    List<String> got = bodies(who, room, botId);
    for (String w : wanted) {
      assertTrue(indexOf(got, w) >= 0, "no '" + w + "' in " + room + ": " + got);
    }
    return got;
  }

  private static int indexOf(List<String> bodies, String text) {
    for (int i = 0; i < bodies.size(); i++) {
      if (bodies.get(i).contains(text)) {
        return i;
      }
    }
    return -1;
  }

  private static void awaitMembership(Person who, String room, String botId, String want)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + WAIT;
    String m;
    while (!(m = who.membership(room, botId)).equals(want) && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    assertEquals(want, m, "the bot's membership in " + room);
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static String body(JsonNode e) {
    return e.path("content").path("body").asText();
  }
}
