package dev.vpnmanager.bench;

import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.chat.ChatUpdate;
import dev.vpnmanager.chat.Platform;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.chat.router.CommandRouter;
import dev.vpnmanager.config.Settings;
import dev.vpnmanager.testing.telegram.ApiRequest;
import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.app.DaggerAppComponent;
import dev.vpnmanager.testing.telegram.TelegramHarness;
import dev.vpnmanager.user.NewUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * On-demand benchmarks (not a unit test). {@code router [threads] [updates]}: updates/s through the router
 * and services with no network (a realistic mix of reads, buttons, refusals and a few writes, on a real
 * SQLite file). {@code broadcast [chats]}: a bulk send to many chats through the real client against the
 * stand-in enforcing Telegram's limits, with an admin chatting meanwhile (429 count, duration, reply p95).
 */
public final class ChatBenchmark {
  private ChatBenchmark() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "router";
    if (mode.equals("broadcast")) {
      broadcast(args.length > 1 ? Integer.parseInt(args[1]) : 10_000);
    } else {
      router(args.length > 1 ? Integer.parseInt(args[1]) : 2, args.length > 2 ? Integer.parseInt(args[2]) : 20_000);
    }
    System.exit(0);
  }

  static void router(int threads, int total) throws Exception {
    Path dir = Files.createTempDirectory("vpn-bench");
    Map<String, String> settings = new java.util.HashMap<>(Map.of("data-dir", dir.toString(), "public-host",
        "vpn.example.test", "admins", "telegram:100"));
    String url = System.getProperty("bench.database-url", ""); // PostgreSQL: a fresh database on that server
    if (!url.isBlank()) {
      settings.put("database.url", JobsBenchmark.freshDatabase(url));
    }
    AppComponent app = DaggerAppComponent.builder().settings(Settings.of(settings)).clock(Clock.systemUTC())
        .build();
    for (int i = 0; i < 100; i++) {
      String name = String.format("user%03d", i);
      app.users().add(Actor.cli(), new NewUser(name, "vless", null, 50_000_000_000L, null, null, null));
      app.invites().redeem(Actor.cli(), "telegram", Long.toString(1000 + i), app.invites().create(Actor.cli(), name));
    }
    CommandRouter router = app.router();
    Reply page = router.route(ChatUpdate.text(Platform.TELEGRAM, "100", "100", "/users"));
    String next = ((Reply.Text) page.parts().get(0)).keyboard().buttons().stream()
        .filter(b -> b.label().equals("▶️")).findFirst().orElseThrow().data();
    List<ChatUpdate> mix = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      String chat = Long.toString(1000 + i);
      String name = String.format("user%03d", i);
      int kind = i % 20;
      if (kind < 8) {
        mix.add(new ChatUpdate(Platform.TELEGRAM, chat, chat, "u", i % 2 == 0 ? "en" : "ru", "/usage", null, "1", true));
      } else if (kind < 12) {
        mix.add(ChatUpdate.text(Platform.TELEGRAM, "100", "100", "/users"));
      } else if (kind < 15) {
        mix.add(ChatUpdate.text(Platform.TELEGRAM, "100", "100", "/user " + name));
      } else if (kind < 17) {
        mix.add(ChatUpdate.button(Platform.TELEGRAM, "100", "100", next, "5"));
      } else if (kind < 19) {
        mix.add(ChatUpdate.text(Platform.TELEGRAM, "777", "777", "/deluser " + name));
      } else {
        mix.add(i % 40 == 19 ? ChatUpdate.text(Platform.TELEGRAM, "100", "100", "/renew " + name + " 1")
            : ChatUpdate.text(Platform.TELEGRAM, chat, chat, "/help"));
      }
    }
    run(router, mix, threads, 2_000);
    long t0 = System.nanoTime();
    run(router, mix, threads, total);
    double secs = (System.nanoTime() - t0) / 1e9;
    System.out.printf("router: %d updates on %d threads in %.2f s = %.0f updates/s (cores: %d)%n", total, threads,
        secs, total / secs, Runtime.getRuntime().availableProcessors());
    app.database().shutdown(false, false);
  }

  private static void run(CommandRouter router, List<ChatUpdate> mix, int threads, int total) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger n = new AtomicInteger();
    for (int t = 0; t < threads; t++) {
      pool.execute(() -> {
        for (int i; (i = n.getAndIncrement()) < total; ) {
          Reply r = router.route(mix.get(i % mix.size()));
          if (r.parts().isEmpty() || r.allText().contains("operation failed")) {
            throw new IllegalStateException("unexpected reply: " + r.allText());
          }
        }
      });
    }
    pool.shutdown();
    if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
      throw new IllegalStateException("timeout");
    }
  }

  static void broadcast(int chats) throws Exception {
    Path dir = Files.createTempDirectory("vpn-bench");
    try (TelegramHarness h = new TelegramHarness(dir)) {
      h.api.enforceLimits(true);
      long t0 = System.nanoTime();
      for (int i = 0; i < chats; i++) {
        h.transport.send(Long.toString(10_000 + i), Reply.text("Maintenance tonight, 22:00-23:00 UTC."));
      }
      List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
      int asked = 0;
      while (h.transport.outbox().sent() < chats) {
        int before = h.messagesTo(TelegramHarness.ADMIN);
        long s = System.nanoTime();
        h.api.pushText(TelegramHarness.ADMIN, TelegramHarness.ADMIN, "/help", "en");
        ApiRequest r = h.api.awaitCount("sendMessage", q -> q.chatId().equals("100"), before + 1,
            TelegramHarness.WAIT).get(before);
        latencies.add((r.atNanos() - s) / 1_000_000);
        asked++;
        Thread.sleep(1000);
      }
      h.transport.outbox().awaitIdle(600_000);
      double secs = (System.nanoTime() - t0) / 1e9;
      List<Long> sorted = new ArrayList<>(latencies);
      Collections.sort(sorted);
      long p95 = sorted.isEmpty() ? -1 : sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1);
      System.out.printf("broadcast: %d chats in %.1f s (%.1f msg/s); 429 answers: %d; dropped: %d; "
              + "%d interactive replies meanwhile, p95 %d ms, max %d ms%n", chats, secs, chats / secs,
          h.api.limitedCount(), h.transport.outbox().dropped(), asked, p95, sorted.isEmpty() ? -1
              : sorted.get(sorted.size() - 1));
    }
  }
}
