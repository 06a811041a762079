package dev.vpnmanager.bench;

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
 * Issue 15's stall benchmark, against a real {@code serve} (SQLite, Telegram through the Bot API stand-in): an
 * admin's {@code /install socks} waits for a slow container (the answer to its container start is held back
 * {@code hold} seconds by a socket in front of the Docker engine), and meanwhile bound users send {@code /usage}
 * ({@code rate} a second, each from another chat) and a CLI {@code users add} runs once, 10 s in. Prints the
 * /usage latencies (from the update's arrival at the stand-in to the reply's) measured while the install waited,
 * the CLI's time and exit code, and how long the install took.
 *
 * <pre>java -cp ... dev.vpnmanager.bench.InstallStallBenchmark [hold-seconds=60] [usage-per-second=5]</pre>
 */
public final class InstallStallBenchmark {
  private static final String TOKEN = "123456:BENCH-token";

  private InstallStallBenchmark() {}

  public static void main(String[] args) throws Exception {
    int hold = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    int rate = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int chats = 300;
    ContainerRuntime rt = DockerPeer.runtime();
    String image = DockerPeer.requireImage(rt, DockerPeer.XRAY);
    Path dir = Files.createTempDirectory("vpn-stall-bench");
    Path data = dir.resolve("data");
    String name = "stall-" + Long.toString(System.nanoTime(), 36);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    AppComponent app = TestApp.create(data);
    new Tx(app.database()).run(txn -> app.servers().define(txn, Actor.cli(), "socks", name, port));
    for (int i = 0; i < chats; i++) {
      app.users().add(Actor.cli(), new NewUser("user" + i, "vless", null, 0, null, null, null));
      String invite = app.invites().create(Actor.cli(), "user" + i);
      app.invites().redeem(Actor.cli(), "telegram", Long.toString(10_000 + i), invite);
    }
    app.database().shutdown();
    try (BotApiStandIn api = new BotApiStandIn(TOKEN); DockerSocketProxy docker = new DockerSocketProxy(dir);
         ServeProcess serve = new ServeProcess(data, dir, Map.of("VPN_TELEGRAM_TOKEN", TOKEN,
             "VPN_TELEGRAM_API_URL", api.url(), "VPN_ADMINS", "telegram:100", "VPN_DOCKER_HOST", docker.host(),
             "VPN_IMAGES_SOCKS", image, "VPN_FIREWALL_MODE", "off"))) {
      serve.start();
      // warm-up: a few /usage before the install, not counted
      for (int i = 0; i < 20; i++) {
        usage(api, 10_000 + chats - 1 - i);
      }
      docker.holdStarts(Duration.ofSeconds(hold));
      long installAsked = System.nanoTime();
      api.pushText(100, 100, "/install socks", "en");
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
        latencies.add(usage(api, 10_000 + chat++ % (chats - 20)));
        next += periodNanos;
        long sleep = next - System.nanoTime();
        if (sleep > 0) {
          TimeUnit.NANOSECONDS.sleep(sleep);
        }
      }
      ApiRequest card = api.await("sendMessage", r -> r.chatId().equals("100") && r.text().contains(name),
          Duration.ofSeconds(hold + 90));
      long installSecs = (card.atNanos() - installAsked) / 1_000_000_000;
      Collections.sort(latencies);
      System.out.printf("install-stall: install of %s waited on its container start for %d s and took %d s in all;"
              + " /usage while it waited: %d replies, p50 %d ms, p95 %d ms, max %d ms; CLI users add: exit %d in %d ms;"
              + " load average %s%n", name, hold, installSecs, latencies.size(), pct(latencies, 0.50),
          pct(latencies, 0.95), latencies.get(latencies.size() - 1), cliExit, cliMillis,
          Files.readString(Path.of("/proc/loadavg")).strip());
    } finally {
      rt.inspect(ManagedContainer.name(name)).ifPresent(c -> rt.remove(c.id()));
    }
  }

  /** One /usage from a bound chat; the time from the update to the reply at the stand-in, in ms. */
  private static long usage(BotApiStandIn api, long chat) {
    String id = Long.toString(chat);
    int before = (int) api.requests("sendMessage").stream().filter(r -> r.chatId().equals(id)).count();
    long t0 = System.nanoTime();
    api.pushText(chat, chat, "/usage", "en");
    ApiRequest r = api.awaitCount("sendMessage", q -> q.chatId().equals(id), before + 1, Duration.ofSeconds(30))
        .get(before);
    return (r.atNanos() - t0) / 1_000_000;
  }

  private static long pct(List<Long> sorted, double p) {
    return sorted.get((int) Math.ceil(sorted.size() * p) - 1);
  }
}
