package dev.vpnmanager.chat.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.testing.ChildJvm;
import dev.vpnmanager.testing.FreshPostgres;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.testing.matrix.Person;
import dev.vpnmanager.testing.matrix.Synapse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real serve processes on one PostgreSQL database, signed in to a real Synapse with the bot's password (no
 * VPN_MATRIX_TOKEN): the lease holder syncs, the other stands by. kill -9 the syncing one: within 30 s the other
 * answers a command in the room, and no command is answered twice. Both sign in as the bot's one device, and a
 * third process sending as that device does not sign the syncing one out.
 */
class MatrixInstancesTest {
  static final long WAIT = 30_000;
  @TempDir Path dir;

  @Test
  void killingTheSyncingInstanceHandsTheRoomOverAndNothingIsAnsweredTwice() throws Exception {
    Synapse hs = Synapse.require();
    String url = FreshPostgres.create();
    String password = "bot-pw-" + System.nanoTime();
    String botId = hs.register(hs.name("vpnbot"), password, false);
    Person admin = hs.person(hs.name("boss"), "boss-pw", true);
    Map<String, String> env = Map.of("VPN_DATABASE_URL", url, "VPN_MATRIX_HOMESERVER", hs.url(),
        "VPN_MATRIX_USER", botId, "VPN_MATRIX_PASSWORD", password, "VPN_ADMINS", "matrix:" + admin.userId(),
        "VPN_DOCKER_HOST", "tcp://127.0.0.1:9");

    Process a = serve("a", env);
    Process b = null;
    try {
      awaitLine("a", "chat transport matrix started");
      String room = admin.createRoom(botId, false);
      awaitJoined(admin, room, botId);
      b = serve("b", env);
      awaitLine("b", "on standby");
      awaitLine("b", "vpn-manager serving");

      admin.say(room, "!vpn whoami");
      awaitReplies(admin, room, botId, "role: admin", 1);

      // a third process on the database sends as the bot (as a standby sends its alerts): same device, own token
      AppComponent third = TestApp.create(dir.resolve("third"), Clock.systemUTC(), Map.of("database.url", url,
          "matrix.homeserver", hs.url(), "matrix.user", botId, "matrix.password", password,
          "admins", "matrix:" + admin.userId()));
      MatrixTransport sender = (MatrixTransport) third.chatTransports().stream()
          .filter(t -> t instanceof MatrixTransport).findFirst().orElseThrow();
      sender.send(room, Reply.text("a note from the third process"));
      awaitReplies(admin, room, botId, "a note from the third process", 1);
      sender.close();
      third.databaseHolder().closeIfOpen();
      admin.say(room, "!vpn adduser alice vless");
      awaitReplies(admin, room, botId, "alice created", 1);
      assertFalse(log("a").contains("Matrix sync failed"), "the holder stayed signed in:\n" + log("a"));

      Runtime.getRuntime().exec(new String[] {"kill", "-9", Long.toString(a.pid())}).waitFor();
      assertTrue(a.waitFor(10, TimeUnit.SECONDS));
      long killed = System.nanoTime();
      admin.say(room, "!vpn adduser bob vless");
      awaitReplies(admin, room, botId, "bob created", 1);
      long takeover = (System.nanoTime() - killed) / 1_000_000;
      System.out.println("MatrixInstancesTest: the standby answered " + takeover + " ms after kill -9");
      assertTrue(takeover <= 30_000, "took over in " + takeover + " ms");
      assertTrue(log("b").contains("took the chat lease"), log("b"));
      admin.say(room, "!vpn whoami");
      awaitReplies(admin, room, botId, "role: admin", 2);
      Thread.sleep(5_000); // room for a second answer, if one were coming

      List<String> bodies = admin.messagesFrom(room, botId).stream().map(MatrixInstancesTest::body).toList();
      assertEquals(1, count(bodies, "alice created"), "" + bodies);
      assertEquals(1, count(bodies, "bob created"), "" + bodies);
      assertEquals(2, count(bodies, "role: admin"), "" + bodies);
      assertEquals(0, count(bodies, "already exists"), "" + bodies);
      assertEquals(1, devices(hs, admin, botId).size(), "one device for every instance: " + devices(hs, admin, botId));
      assertFalse(log("a").contains(password) || log("b").contains(password), "no password in a log");
    } finally {
      a.destroyForcibly();
      if (b != null) {
        b.destroy();
        if (!b.waitFor(30, TimeUnit.SECONDS)) {
          b.destroyForcibly();
        }
      }
    }
  }

  @Test
  void instancesSigningInForTheFirstTimeAtOnceEndWithOneDevice() throws Exception {
    Synapse hs = Synapse.require();
    String url = FreshPostgres.create();
    String password = "bot-pw-" + System.nanoTime();
    String botId = hs.register(hs.name("vpnbot"), password, false);
    Person admin = hs.person(hs.name("boss"), "boss-pw", true);
    String room = admin.createRoom(botId, false);
    List<AppComponent> apps = new java.util.ArrayList<>();
    List<MatrixTransport> bots = new java.util.ArrayList<>();
    for (int i = 0; i < 3; i++) {
      AppComponent app = TestApp.create(dir.resolve("i" + i), Clock.systemUTC(), Map.of("database.url", url,
          "matrix.homeserver", hs.url(), "matrix.user", botId, "matrix.password", password,
          "admins", "matrix:" + admin.userId()));
      apps.add(app);
      bots.add((MatrixTransport) app.chatTransports().stream().filter(t -> t instanceof MatrixTransport)
          .findFirst().orElseThrow());
    }
    MatrixClient joiner = MatrixClient.of(URI.create(hs.url()));
    joiner.login(botId, password, null);
    joiner.join(room);
    joiner.logout();
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    List<Thread> threads = new java.util.ArrayList<>();
    for (int i = 0; i < bots.size(); i++) {
      MatrixTransport bot = bots.get(i);
      String text = "hello from instance " + i;
      Thread t = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        bot.send(room, Reply.text(text));
      });
      t.start();
      threads.add(t);
    }
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }
    for (int i = 0; i < bots.size(); i++) {
      awaitReplies(admin, room, botId, "hello from instance " + i, 1);
    }
    bots.forEach(MatrixTransport::close);
    apps.forEach(a -> a.databaseHolder().closeIfOpen());
    assertEquals(1, devices(hs, admin, botId).size(), "one device for every instance: " + devices(hs, admin, botId));
  }

  private static long count(List<String> bodies, String text) {
    return bodies.stream().filter(t -> t.contains(text)).count();
  }

  /** The bot's devices made by vpn-manager (registering the account made one more), from Synapse's admin API. */
  private static List<String> devices(Synapse hs, Person admin, String userId) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(hs.url()
        + "/_synapse/admin/v2/users/" + java.net.URLEncoder.encode(userId, java.nio.charset.StandardCharsets.UTF_8)
        + "/devices")).header("Authorization", "Bearer " + admin.token()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
    List<String> out = new java.util.ArrayList<>();
    json.path("devices").forEach(d -> {
      if ("vpn-manager".equals(d.path("display_name").asText())) {
        out.add(d.path("device_id").asText());
      }
    });
    return out;
  }

  private static void awaitReplies(Person admin, String room, String botId, String text, int n) throws Exception {
    long deadline = System.currentTimeMillis() + WAIT;
    List<String> bodies = List.of();
    while (System.currentTimeMillis() < deadline) {
      bodies = admin.messagesFrom(room, botId).stream().map(MatrixInstancesTest::body).toList();
      if (count(bodies, text) >= n) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no " + n + " x '" + text + "' from the bot: " + bodies);
  }

  private static void awaitJoined(Person admin, String room, String botId) throws InterruptedException {
    long deadline = System.currentTimeMillis() + WAIT;
    while (!admin.membership(room, botId).equals("join") && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    assertEquals("join", admin.membership(room, botId));
  }

  private static String body(JsonNode e) {
    return e.path("content").path("body").asText();
  }

  private Process serve(String name, Map<String, String> settings) throws IOException {
    ProcessBuilder pb = ChildJvm.builder(dir.resolve(name), "serve");
    pb.environment().putAll(settings);
    pb.redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
    return pb.start();
  }

  private String log(String name) throws IOException {
    Path f = dir.resolve(name + ".log");
    return Files.exists(f) ? Files.readString(f) : "";
  }

  private void awaitLine(String name, String text) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!log(name).contains(text)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no '" + text + "' from " + name + ":\n" + log(name));
      }
      Thread.sleep(100);
    }
  }
}
