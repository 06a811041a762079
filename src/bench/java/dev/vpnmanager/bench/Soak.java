package dev.vpnmanager.bench;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.chat.outbox.durable.OutboxStore;
import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.docker.ContainerState;
import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.server.runtime.ManagedContainer;
import dev.vpnmanager.testing.ByteSink;
import dev.vpnmanager.testing.ChildJvm;
import dev.vpnmanager.testing.DockerPeer;
import dev.vpnmanager.testing.ServeProcess;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.testing.TestNet;
import dev.vpnmanager.testing.Tunnels;
import dev.vpnmanager.testing.telegram.ApiRequest;
import dev.vpnmanager.testing.telegram.BotApiStandIn;
import dev.vpnmanager.user.NewUser;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The soak harness behind {@code scripts/soak.sh}: a real {@code serve} on SQLite with Telegram (the Bot API
 * stand-in, Telegram's limits enforced), bound users, two live SOCKS servers (Xray) with users pushing real bytes
 * through them, and random faults for {@code --minutes N}: kill -9 of serve and a restart, kill of a server's
 * container (then {@code servers restart} from the CLI), Bot API outages (429/5xx) while broadcasts go out. At the
 * end, with the faults stopped, it checks the invariants and exits 1 on a violation:
 * <ul>
 *   <li>traffic: every user's used bytes in the database equal the bytes the harness pushed as that user;</li>
 *   <li>messages: every bound chat has every broadcast, and duplicates are at most one per kill of serve;</li>
 *   <li>no dead letters (every fault is transient), nothing left waiting;</li>
 *   <li>no orphan containers: the engine holds exactly the servers' recorded containers, running;</li>
 *   <li>{@code PRAGMA integrity_check} is ok after serve stopped.</li>
 * </ul>
 */
public final class Soak {
  private static final String TOKEN = "123456:SOAK-token";
  private static final int CHATS = 20;
  private final Random random;
  private final Path dir;
  private final Path data;
  private final String tag = Long.toString(System.nanoTime(), 36);
  private final List<String> servers = List.of("soak1-" + tag, "soak2-" + tag);
  private final Map<String, String> userServer = new LinkedHashMap<>();
  private final Map<String, Long> pushed = new HashMap<>();
  private final Map<String, int[]> ports = new HashMap<>();
  private final List<String> broadcasts = new ArrayList<>();
  private final Map<String, Integer> faults = new LinkedHashMap<>();
  private final List<String> violations = new ArrayList<>();
  private ContainerRuntime rt;
  private String image;
  private BotApiStandIn api;
  private ServeProcess serve;
  private ByteSink sink;

  private Soak(Path dir, long seed) {
    this.dir = dir;
    this.data = dir.resolve("data");
    this.random = new Random(seed);
  }

  public static void main(String[] args) throws Exception {
    double minutes = 10;
    Path dir = null;
    long seed = System.nanoTime();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--minutes" -> minutes = Double.parseDouble(args[++i]);
        case "--dir" -> dir = Path.of(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        default -> {
          System.err.println("usage: Soak [--minutes N] [--dir DIR] [--seed N]");
          System.exit(2);
        }
      }
    }
    if (minutes <= 0 || minutes > 24 * 60) {
      System.err.println("--minutes must be above 0 and at most 1440");
      System.exit(2);
    }
    if (dir == null) {
      dir = Files.createTempDirectory("vpn-soak");
    }
    Files.createDirectories(dir);
    System.out.println("soak: " + minutes + " min, seed " + seed + ", directory " + dir);
    Soak soak = new Soak(dir, seed);
    int code;
    try {
      code = soak.run(Duration.ofSeconds((long) (minutes * 60)));
    } finally {
      soak.cleanUp();
    }
    System.exit(code);
  }

  private int run(Duration length) throws Exception {
    rt = DockerPeer.runtime();
    image = DockerPeer.requireImage(rt, DockerPeer.XRAY);
    sink = new ByteSink(TestNet.address());
    api = new BotApiStandIn(TOKEN);
    setUp();
    serve = new ServeProcess(data, dir, Map.of("VPN_TELEGRAM_TOKEN", TOKEN, "VPN_TELEGRAM_API_URL", api.url(),
        "VPN_ADMINS", "telegram:100", "VPN_IMAGES_SOCKS", image, "VPN_FIREWALL_MODE", "off",
        "VPN_TRAFFIC_INTERVAL", "2s", "VPN_ENFORCE_INTERVAL", "2s", "VPN_RECONCILE_INTERVAL", "15s"));
    serve.start();
    Instant start = Instant.now();
    Instant end = start.plus(length);
    Instant nextServeKill = start.plusSeconds(60 + random.nextInt(120));
    Instant nextContainerKill = start.plusSeconds(45 + random.nextInt(90));
    Instant nextBroadcast = start.plusSeconds(10);
    while (Instant.now().isBefore(end)) {
      for (int i = 0; i < 1 + random.nextInt(3); i++) {
        List<String> users = new ArrayList<>(userServer.keySet());
        push(users.get(random.nextInt(users.size())), 10_000 + random.nextInt(400_000));
      }
      Instant now = Instant.now();
      if (now.isAfter(nextBroadcast)) {
        broadcast(random.nextBoolean());
        nextBroadcast = now.plusSeconds(40 + random.nextInt(40));
      } else if (now.isAfter(nextServeKill)) {
        Thread.sleep(random.nextInt(3000));
        serve.kill9();
        count("serve kill -9");
        serve.start();
        nextServeKill = Instant.now().plusSeconds(90 + random.nextInt(150));
      } else if (now.isAfter(nextContainerKill)) {
        killContainer(servers.get(random.nextInt(servers.size())));
        nextContainerKill = Instant.now().plusSeconds(90 + random.nextInt(120));
      }
      Thread.sleep(1000 + random.nextInt(3000));
    }
    System.out.println("soak: faults done after " + Duration.between(start, Instant.now()).toSeconds() + " s: "
        + faults + "; checking the invariants");
    check();
    serve.close();
    integrity();
    System.out.println("soak: " + broadcasts.size() + " broadcasts to " + CHATS + " chats, "
        + pushed.values().stream().mapToLong(Long::longValue).sum() + " bytes pushed by " + pushed.size()
        + " users, faults " + faults);
    if (violations.isEmpty()) {
      System.out.println("soak: OK, every invariant holds");
      return 0;
    }
    violations.forEach(v -> System.out.println("soak: VIOLATION: " + v));
    return 1;
  }

  private void setUp() throws Exception {
    AppComponent app = TestApp.create(data, java.time.Clock.systemUTC(), Map.of("images.socks", image,
        "firewall.mode", "off"));
    try {
      for (String s : servers) {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
          port = free.getLocalPort();
        }
        app.serverContainers().install(Actor.cli(), "socks", s, port);
      }
      String[][] users = {{"alice", servers.get(0)}, {"bob", servers.get(0)}, {"carol", servers.get(1)}};
      for (String[] u : users) {
        app.users().add(Actor.cli(), new NewUser(u[0], "socks", u[1], 0, null, null, null));
        userServer.put(u[0], u[1]);
        pushed.put(u[0], 0L);
      }
      for (int i = 0; i < CHATS; i++) {
        String name = "member" + i;
        app.users().add(Actor.cli(), new NewUser(name, "vless", null, 0, null, null, null));
        app.invites().redeem(Actor.cli(), "telegram", Long.toString(30_000 + i), app.invites().create(Actor.cli(),
            name));
      }
      for (String s : servers) {
        ports.put(s, new int[] {app.servers().require(s).getPort()});
      }
    } finally {
      app.database().shutdown();
    }
  }

  private void count(String fault) {
    faults.merge(fault, 1, Integer::sum);
  }

  /** Pushes bytes as the user through its server; counted only when the sink got them all. */
  private void push(String user, int bytes) throws Exception {
    Credentials c = credentials(user);
    long before = sink.received.get();
    try (Socket s = Tunnels.open("socks", ports.get(userServer.get(user))[0], c.get("username"),
        c.get("password"), sink.host, sink.port, 5000)) {
      OutputStream out = s.getOutputStream();
      byte[] chunk = new byte[16 * 1024];
      for (int sent = 0; sent < bytes; sent += chunk.length) {
        out.write(chunk, 0, Math.min(chunk.length, bytes - sent));
      }
      out.flush();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (sink.received.get() - before < bytes) {
        if (System.nanoTime() > deadline) {
          violations.add("push of " + bytes + " bytes as " + user + " reached the sink only in part");
          return;
        }
        Thread.sleep(10);
      }
      pushed.merge(user, (long) bytes, Long::sum);
    } catch (IOException e) {
      // the server is down (a container kill not healed yet): nothing was pushed, nothing may be counted
      count("push refused");
    }
  }

  private Credentials credentials(String user) {
    AppComponent app = TestApp.create(data);
    try {
      return Credentials.fromJson(app.userQueries().require(user).getCredentials());
    } finally {
      app.database().shutdown();
    }
  }

  /** A broadcast from the admin, sometimes while the Bot API answers 429/5xx for 10-30 s. */
  private void broadcast(boolean outage) {
    String text = "soak broadcast " + (broadcasts.size() + 1) + " " + tag;
    int asked = (int) api.requests("sendMessage").stream().filter(r -> r.chatId().equals("100")
        && r.status() == 200 && r.text().contains("bound chats")).count();
    api.pushText(100, 100, "/broadcast " + text, "en");
    ApiRequest ask = api.awaitCount("sendMessage", r -> r.chatId().equals("100") && r.text().contains("bound chats"),
        asked + 1, Duration.ofSeconds(180)).get(asked);
    if (outage) {
      api.outage("sendMessage", Duration.ofSeconds(10 + random.nextInt(20)));
      count("bot api outage");
    }
    api.pushCallback(100, 100, 3, ask.button("Send"));
    broadcasts.add(text);
  }

  /** Waits until the server's users are counted, kills its container, restarts it from the CLI. */
  private void killContainer(String server) throws Exception {
    for (Map.Entry<String, String> u : userServer.entrySet()) {
      if (u.getValue().equals(server) && !settled(u.getKey(), Duration.ofSeconds(60))) {
        violations.add("before a container kill: " + u.getKey() + " counted " + used(u.getKey()) + ", pushed "
            + pushed.get(u.getKey()));
      }
    }
    run(List.of("docker", "kill", ManagedContainer.name(server)));
    count("container kill");
    Thread.sleep(2000 + random.nextInt(6000));
    ProcessBuilder pb = ChildJvm.builder(data, "servers", "restart", server);
    pb.environment().putAll(Map.of("VPN_IMAGES_SOCKS", image, "VPN_FIREWALL_MODE", "off"));
    Process p = pb.redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      violations.add("servers restart " + server + " failed: " + out.strip());
    }
  }

  private boolean settled(String user, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (used(user) != pushed.get(user)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(500);
    }
    return true;
  }

  private long used(String user) {
    AppComponent app = TestApp.create(data);
    try {
      return app.userQueries().require(user).getUsedBytes();
    } finally {
      app.database().shutdown();
    }
  }

  private void check() throws Exception {
    // traffic: exact per user
    for (String user : userServer.keySet()) {
      if (!settled(user, Duration.ofSeconds(90))) {
        violations.add("traffic of " + user + ": counted " + used(user) + ", pushed " + pushed.get(user));
      }
    }
    // messages: every broadcast in every chat; duplicates at most one per serve kill
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    Map<String, Integer> got;
    while (true) {
      got = new HashMap<>();
      for (ApiRequest r : api.requests("sendMessage")) {
        if (r.status() == 200 && broadcasts.contains(r.text())) {
          got.merge(r.chatId() + "|" + r.text(), 1, Integer::sum);
        }
      }
      if (got.size() == broadcasts.size() * CHATS || System.nanoTime() > deadline) {
        break;
      }
      Thread.sleep(1000);
    }
    if (got.size() != broadcasts.size() * CHATS) {
      violations.add("broadcasts: " + got.size() + " of " + broadcasts.size() * CHATS + " (chat, text) arrived");
    }
    int duplicates = got.values().stream().mapToInt(n -> n - 1).sum();
    int kills = faults.getOrDefault("serve kill -9", 0);
    System.out.println("soak: duplicate messages " + duplicates + " in " + kills + " kills of serve");
    if (duplicates > kills) {
      violations.add(duplicates + " duplicate messages for " + kills + " kills of serve (at most one per kill)");
    }
    // outbox: nothing dead, nothing waiting
    AppComponent app = TestApp.create(data);
    try {
      OutboxStore.Counts counts = app.outboxStore().counts();
      if (counts.dead() != 0 || counts.pending() != 0) {
        violations.add("outbox: " + counts);
      }
      if (!app.installJournal().pending().isEmpty()) {
        violations.add("installs left in the journal: " + app.installJournal().pending());
      }
      // containers: exactly the recorded ones, running
      for (String s : servers) {
        String recorded = app.servers().require(s).getContainerId();
        ContainerState c = rt.inspect(ManagedContainer.name(s)).orElse(null);
        if (c == null || !c.id().equals(recorded) || !c.running()) {
          violations.add("server " + s + ": recorded container " + recorded + ", on the engine " + c);
        }
      }
      long orphans = rt.listManaged().stream().filter(c -> c.server() != null && c.server().endsWith(tag))
          .filter(c -> !servers.contains(c.server())).count();
      if (orphans > 0) {
        violations.add(orphans + " orphan containers");
      }
    } finally {
      app.database().shutdown();
    }
  }

  private void integrity() throws Exception {
    Path db;
    try (var files = Files.list(data)) {
      db = files.filter(p -> p.toString().endsWith(".db")).findFirst().orElseThrow();
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
         ResultSet rs = c.createStatement().executeQuery("pragma integrity_check")) {
      rs.next();
      String result = rs.getString(1);
      System.out.println("soak: integrity_check " + result);
      if (!"ok".equals(result)) {
        violations.add("integrity_check: " + result);
      }
    }
  }

  private void cleanUp() {
    try {
      if (serve != null) {
        serve.close();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (rt != null) {
      for (String s : servers) {
        rt.inspect(ManagedContainer.name(s)).ifPresent(c -> rt.remove(c.id()));
      }
    }
    if (api != null) {
      api.close();
    }
    if (sink != null) {
      try {
        sink.close();
      } catch (IOException e) {
        // closed already
      }
    }
  }

  private static void run(List<String> cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    p.waitFor(60, TimeUnit.SECONDS);
  }
}
