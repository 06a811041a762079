package dev.vpnmanager.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.server.runtime.ManagedContainer;
import dev.vpnmanager.storage.Tx;
import dev.vpnmanager.testing.ChildJvm;
import dev.vpnmanager.testing.DockerPeer;
import dev.vpnmanager.testing.DockerSocketProxy;
import dev.vpnmanager.testing.ServeProcess;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.testing.matrix.Person;
import dev.vpnmanager.testing.matrix.Synapse;
import dev.vpnmanager.testing.telegram.ApiRequest;
import dev.vpnmanager.testing.telegram.BotApiStandIn;
import dev.vpnmanager.user.NewUser;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Issue 15's stall benchmark, against a real {@code serve} (SQLite): an admin's install of a socks server waits for
 * a slow container (the answer to its container start is held back {@code hold} seconds by a socket in front of
 * the Docker engine), and meanwhile bound users ask for their usage ({@code rate} a second, each time from the
 * next of their chats) and a CLI {@code users add} runs once, 10 s in. Prints the usage latencies measured while
 * the install waited, the CLI's time and exit code, and how long the install took.
 *
 * <p>{@code telegram} (the default): 300 chats through the Bot API stand-in; a latency runs from the update's
 * arrival at the stand-in to the reply's. {@code matrix}: 40 people on the real Synapse of this shell
 * (scripts/test-synapse.sh), each in a direct room with the bot, the admin in a group room; a latency runs from
 * the homeserver's timestamp of the person's {@code usage} to that of the bot's reply (both on its clock).
 *
 * <pre>
 * java -cp ... dev.vpnmanager.bench.InstallStallBenchmark [telegram|matrix] [hold-seconds=60] [usage-per-second=5]
 * </pre>
 */
public final class InstallStallBenchmark {
  private static final String TOKEN = "123456:BENCH-token";

  private InstallStallBenchmark() {}

  /** The chat side of a run: binds its chats, talks to serve, measures one usage. */
  private interface Chats extends AutoCloseable {
    int size();

    /** Binds chat i to user{i} (before serve starts) through an invite. */
    void bind(AppComponent app, int i, String invite);

    Map<String, String> env();

    /** After serve started: waits until every chat is reachable. */
    void ready() throws Exception;

    void askInstall();

    /** One usage from chat i; the latency in ms. */
    long usage(int i) throws Exception;

    /** Waits for the install's answer naming the server; when it arrived, in System.nanoTime terms. */
    long awaitInstalled(String server, Duration timeout) throws Exception;

    @Override
    void close();
  }

  public static void main(String[] args) throws Exception {
    boolean matrix = args.length > 0 && args[0].equals("matrix");
    int skip = args.length > 0 && !args[0].matches("\\d+") ? 1 : 0;
    int hold = args.length > skip ? Integer.parseInt(args[skip]) : 60;
    int rate = args.length > skip + 1 ? Integer.parseInt(args[skip + 1]) : 5;
    ContainerRuntime rt = DockerPeer.runtime();
    String image = DockerPeer.requireImage(rt, DockerPeer.XRAY);
    Path dir = Files.createTempDirectory("vpn-stall-bench");
    Path data = dir.resolve("data");
    String name = "stall-" + Long.toString(System.nanoTime(), 36);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (Chats chats = matrix ? new MatrixChats(40) : new TelegramChats(300)) {
      AppComponent app = TestApp.create(data);
      new Tx(app.database()).run(txn -> app.servers().define(txn, Actor.cli(), "socks", name, port));
      for (int i = 0; i < chats.size(); i++) {
        app.users().add(Actor.cli(), new NewUser("user" + i, "vless", null, 0, null, null, null));
        chats.bind(app, i, app.invites().create(Actor.cli(), "user" + i));
      }
      app.database().shutdown();
      run(chats, rt, dir, data, name, image, hold, rate);
    } finally {
      rt.inspect(ManagedContainer.name(name)).ifPresent(c -> rt.remove(c.id()));
    }
  }

  private static void run(Chats chats, ContainerRuntime rt, Path dir, Path data, String name, String image, int hold,
                          int rate) throws Exception {
    Map<String, String> env = new java.util.HashMap<>(chats.env());
    try (DockerSocketProxy docker = new DockerSocketProxy(dir)) {
      env.putAll(Map.of("VPN_DOCKER_HOST", docker.host(), "VPN_IMAGES_SOCKS", image, "VPN_FIREWALL_MODE", "off"));
      try (ServeProcess serve = new ServeProcess(data, dir, env)) {
        serve.start();
        chats.ready();
        // warm-up: a few usages before the install, not counted
        int warm = Math.min(20, chats.size() / 2);
        for (int i = 0; i < warm; i++) {
          chats.usage(chats.size() - 1 - i);
        }
        docker.holdStarts(Duration.ofSeconds(hold));
        long installAsked = System.nanoTime();
        chats.askInstall();
        while (docker.starts() == 0) {
          Thread.sleep(10);
        }
        long holdStarted = System.nanoTime();
        List<Long> latencies = new ArrayList<>();
        long cliMillis = -1;
        int cliExit = -1;
        int chat = 0;
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        long next = System.nanoTime();
        // measure while the install is held up, leaving 2 s of margin before the hold ends
        while (System.nanoTime() - holdStarted < TimeUnit.SECONDS.toNanos(hold - 2)) {
          if (cliMillis < 0 && System.nanoTime() - holdStarted > TimeUnit.SECONDS.toNanos(10)) {
            long c0 = System.nanoTime();
            ProcessBuilder pb = ChildJvm.builder(data, "users", "add", "cli-added", "--protocol", "vless");
            pb.environment().put("VPN_DOCKER_HOST", docker.host());
            Process p = pb.redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(120, TimeUnit.SECONDS);
            cliExit = p.exitValue();
            cliMillis = (System.nanoTime() - c0) / 1_000_000;
            if (cliExit != 0) {
              System.out.println("users add failed: " + out);
            }
          }
          latencies.add(chats.usage(chat++ % (chats.size() - warm)));
          next += periodNanos;
          long sleep = next - System.nanoTime();
          if (sleep > 0) {
            TimeUnit.NANOSECONDS.sleep(sleep);
          }
        }
        long installed = chats.awaitInstalled(name, Duration.ofSeconds(hold + 90));
        long installSecs = (installed - installAsked) / 1_000_000_000;
        Collections.sort(latencies);
        System.out.printf("install-stall (%s): install of %s waited on its container start for %d s and took %d s"
                + " in all; usage while it waited: %d replies, p50 %d ms, p95 %d ms, max %d ms; CLI users add: exit %d"
                + " in %d ms; load average %s%n", chats instanceof MatrixChats ? "matrix" : "telegram", name, hold,
            installSecs, latencies.size(), pct(latencies, 0.50), pct(latencies, 0.95),
            latencies.get(latencies.size() - 1), cliExit, cliMillis,
            Files.readString(Path.of("/proc/loadavg")).strip());
      }
    }
  }

  private static long pct(List<Long> sorted, double p) {
    return sorted.get((int) Math.ceil(sorted.size() * p) - 1);
  }

  /** 300 chats through the Bot API stand-in; the admin is chat 100. */
  private static final class TelegramChats implements Chats {
    private final BotApiStandIn api;
    private final int size;

    TelegramChats(int size) throws java.io.IOException {
      this.api = new BotApiStandIn(TOKEN);
      this.size = size;
    }

    @Override
    public int size() {
      return size;
    }

    @Override
    public void bind(AppComponent app, int i, String invite) {
      app.invites().redeem(Actor.cli(), "telegram", Long.toString(10_000 + i), invite);
    }

    @Override
    public Map<String, String> env() {
      return Map.of("VPN_TELEGRAM_TOKEN", TOKEN, "VPN_TELEGRAM_API_URL", api.url(), "VPN_ADMINS", "telegram:100");
    }

    @Override
    public void ready() {}

    @Override
    public void askInstall() {
      api.pushText(100, 100, "/install socks", "en");
    }

    /** The time from the update to the reply at the stand-in. */
    @Override
    public long usage(int i) {
      long chat = 10_000 + i;
      String id = Long.toString(chat);
      int before = (int) api.requests("sendMessage").stream().filter(r -> r.chatId().equals(id)).count();
      long t0 = System.nanoTime();
      api.pushText(chat, chat, "/usage", "en");
      ApiRequest r = api.awaitCount("sendMessage", q -> q.chatId().equals(id), before + 1, Duration.ofSeconds(30))
          .get(before);
      return (r.atNanos() - t0) / 1_000_000;
    }

    @Override
    public long awaitInstalled(String server, Duration timeout) {
      return api.await("sendMessage", r -> r.chatId().equals("100") && r.text().contains(server), timeout).atNanos();
    }

    @Override
    public void close() {
      api.close();
    }
  }

  /** People on the real Synapse, each in a direct room with the bot; the admin in a group room. */
  private static final class MatrixChats implements Chats {
    private final Synapse hs = Synapse.require();
    private final String password = "bench-pw-" + System.nanoTime();
    private final String bot = hs.register(hs.name("vpnbot"), password, false);
    private final Person admin = hs.person(hs.name("boss"), "boss-pw", true);
    private final String adminRoom = admin.createRoom(bot, false);
    private final List<Person> people = new ArrayList<>();
    private final List<String> rooms = new ArrayList<>();

    MatrixChats(int size) {
      for (int i = 0; i < size; i++) {
        Person p = hs.person(hs.name("user" + i), "user-pw", false);
        people.add(p);
        rooms.add(p.createRoom(bot, true));
      }
    }

    @Override
    public int size() {
      return people.size();
    }

    @Override
    public void bind(AppComponent app, int i, String invite) {
      app.invites().redeem(Actor.cli(), "matrix", rooms.get(i), invite);
    }

    @Override
    public Map<String, String> env() {
      return Map.of("VPN_MATRIX_HOMESERVER", hs.url(), "VPN_MATRIX_USER", bot, "VPN_MATRIX_PASSWORD", password,
          "VPN_ADMINS", "matrix:" + admin.userId());
    }

    /** The bot takes the invites on its first sync. */
    @Override
    public void ready() throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      for (int i = 0; i <= people.size(); i++) {
        Person p = i < people.size() ? people.get(i) : admin;
        String room = i < people.size() ? rooms.get(i) : adminRoom;
        while (!p.membership(room, bot).equals("join")) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("the bot did not join " + room);
          }
          Thread.sleep(100);
        }
      }
    }

    @Override
    public void askInstall() {
      admin.say(adminRoom, "!vpn install socks");
    }

    /** From the homeserver's timestamp of the command to that of the reply. */
    @Override
    public long usage(int i) throws InterruptedException {
      Person p = people.get(i);
      String room = rooms.get(i);
      int before = p.messagesFrom(room, bot).size();
      String asked = p.say(room, "usage");
      List<JsonNode> replies = p.messagesFrom(room, bot);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (replies.size() <= before) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("no answer to usage in " + room);
        }
        Thread.sleep(10);
        replies = p.messagesFrom(room, bot);
      }
      long sent = p.eventsFrom(room, p.userId()).stream().filter(e -> e.path("event_id").asText().equals(asked))
          .findFirst().orElseThrow().path("origin_server_ts").asLong();
      return replies.get(before).path("origin_server_ts").asLong() - sent;
    }

    @Override
    public long awaitInstalled(String server, Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (admin.messagesFrom(adminRoom, bot).stream().noneMatch(e -> e.path("content").path("body").asText()
          .contains(server))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the install never answered");
        }
        Thread.sleep(50);
      }
      return System.nanoTime();
    }

    @Override
    public void close() {}
  }
}
