package dev.vpnmanager.scheduling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.storage.Tx;
import dev.vpnmanager.testing.ChildJvm;
import dev.vpnmanager.testing.FreshPostgres;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.testing.telegram.ApiRequest;
import dev.vpnmanager.testing.telegram.BotApiStandIn;
import dev.vpnmanager.testing.telegram.TelegramHarness;
import dev.vpnmanager.user.NewUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real serve processes on one real PostgreSQL database and one Bot API: one polls Telegram, the other
 * stands by. kill -9 the one that polls: within 30 s the other answers chat commands. Before, during and after,
 * each job runs once per period (Quartz's own log lines of both processes, merged) and every alert reaches the
 * Bot API once (counted at the stand-in).
 */
class FailoverTest {
  /** Daemon's line for each run, with the scheduled time of the period it runs for. */
  private static final Pattern RUN = Pattern.compile(
      "DEBUG dev\\.vpnmanager\\.scheduling\\.Daemon - job (\\w+) runs for (\\S+)");
  private static final List<String> ALERTS = List.of("Daily digest", "(in 3 days)", "within a day",
      "Your VPN is paused");

  @TempDir Path dir;

  @Test
  void killingThePollingInstanceHandsChatOverWithinThirtySecondsAndNothingRunsOrAlertsTwice() throws Exception {
    String url = FreshPostgres.create();
    Instant t0 = Instant.now();
    // carol's 3-day warning falls due, and dave's access ends, after the kill; dave's 3- and 1-day warnings
    // and the digest are due at once, before it
    AppComponent setup = TestApp.create(dir.resolve("setup"), Clock.systemUTC(), Map.of("database.url", url));
    setup.users().add(Actor.cli(), new NewUser("carol", "wireguard", null, 0,
        t0.plus(Duration.ofDays(3)).plusSeconds(100), null, null));
    setup.users().add(Actor.cli(), new NewUser("dave", "wireguard", null, 0, t0.plusSeconds(110), null, null));
    new Tx(setup.database()).run(txn -> {
      setup.chatBindings().bind(txn, "telegram", "201", setup.userQueries().require("carol"));
      setup.chatBindings().bind(txn, "telegram", "202", setup.userQueries().require("dave"));
    });
    setup.databaseHolder().closeIfOpen();

    try (BotApiStandIn api = new BotApiStandIn(TelegramHarness.TOKEN)) {
      Process a = serve(api, url, "a");
      Process b = null;
      try {
        awaitLine("a", "chat transport telegram started", Duration.ofSeconds(90));
        api.await("getUpdates", r -> true, Duration.ofSeconds(30));
        b = serve(api, url, "b");
        awaitLine("b", "on standby", Duration.ofSeconds(90));
        awaitLine("b", "vpn-manager serving", Duration.ofSeconds(30));

        api.pushText(100, 100, "/start", "en");
        assertTrue(api.await("sendMessage", r -> r.chatId().equals("100") && r.text().contains("admin"),
            Duration.ofSeconds(20)).text().contains("admin"));
        Thread.sleep(3_000); // both instances run jobs for a while

        Runtime.getRuntime().exec(new String[] {"kill", "-9", Long.toString(a.pid())}).waitFor();
        assertTrue(a.waitFor(10, TimeUnit.SECONDS));
        long killed = System.nanoTime();
        api.pushText(100, 100, "/help", "en");
        api.await("sendMessage", r -> r.chatId().equals("100") && r.text().contains("/invite"),
            Duration.ofSeconds(30));
        long takeover = (System.nanoTime() - killed) / 1_000_000;
        assertTrue(takeover <= 30_000, "took over in " + takeover + " ms");
        System.out.println("FailoverTest: the standby answered " + takeover + " ms after kill -9");
        assertTrue(log("b").contains("took the chat lease"), log("b"));

        // the alerts due after the kill come from the survivor, once
        api.await("sendMessage", r -> r.chatId().equals("202") && r.text().contains("Your VPN is paused"),
            Duration.between(Instant.now(), t0.plusSeconds(200)));
        api.await("sendMessage", r -> r.chatId().equals("201") && r.text().contains("(in 3 days)"),
            Duration.ofSeconds(60));
        Thread.sleep(8_000); // room for a second copy, if one were coming
        b.destroy();
        assertTrue(b.waitFor(30, TimeUnit.SECONDS));
      } finally {
        a.destroyForcibly();
        if (b != null) {
          b.destroyForcibly();
        }
      }

      Map<String, Integer> alerts = new TreeMap<>();
      for (ApiRequest r : api.requests("sendMessage")) {
        for (String marker : ALERTS) {
          if (r.text() != null && r.text().contains(marker)) {
            alerts.merge(r.chatId() + " " + marker, 1, Integer::sum);
          }
        }
      }
      // dave's 3-day warning is not sent: the 1-day one was due already and says more
      assertEquals(Map.of("100 Daily digest", 1, "201 (in 3 days)", 1, "202 within a day", 1,
          "202 Your VPN is paused", 1), alerts, "every alert once");
      assertJobsRanOncePerPeriod();
    }
  }

  /**
   * The periods each job ran for, from both logs: none twice, and about as many as the time allows (two
   * schedulers of their own would make twice as many; a period lost while the dead instance's job was taken over
   * is allowed for).
   */
  private void assertJobsRanOncePerPeriod() throws IOException {
    for (String name : List.of("a", "b")) { // kept for a look after a failure
      Files.copy(dir.resolve(name + ".log"), Path.of("target", "failover-" + name + ".log"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    Map<String, List<Instant>> runs = new TreeMap<>();
    Map<String, Integer> byInstance = new TreeMap<>();
    for (String name : List.of("a", "b")) {
      for (String line : log(name).lines().toList()) {
        Matcher m = RUN.matcher(line);
        if (m.find()) {
          runs.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(Instant.parse(m.group(2)));
          byInstance.merge(name, 1, Integer::sum);
        }
      }
    }
    System.out.println("FailoverTest: job runs " + runs.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue().size()).toList() + ", by instance " + byInstance);
    Map<String, Duration> periods = Map.of("traffic", Duration.ofSeconds(1), "enforce", Duration.ofSeconds(2));
    for (Map.Entry<String, Duration> p : periods.entrySet()) {
      List<Instant> slots = runs.getOrDefault(p.getKey(), List.of()).stream().sorted().toList();
      assertEquals(slots.size(), slots.stream().distinct().count(), p.getKey() + " ran twice for a period: " + slots);
      Duration span = Duration.between(slots.get(0), slots.get(slots.size() - 1));
      long expected = span.toMillis() / p.getValue().toMillis() + 1;
      assertTrue(slots.size() <= expected, p.getKey() + ": " + slots.size() + " runs in " + expected + " periods");
      assertTrue(slots.size() >= expected / 2, p.getKey() + ": only " + slots.size() + " runs in " + expected
          + " periods");
    }
    assertTrue(byInstance.getOrDefault("a", 0) > 0 && byInstance.getOrDefault("b", 0) > 0,
        "both instances ran jobs: " + byInstance);
  }

  private Process serve(BotApiStandIn api, String url, String name) throws IOException {
    ProcessBuilder pb = ChildJvm.builder(dir.resolve(name), "serve");
    Map<String, String> env = pb.environment();
    env.put("VPN_DATABASE_URL", url);
    env.put("VPN_TELEGRAM_TOKEN", TelegramHarness.TOKEN);
    env.put("VPN_TELEGRAM_API_URL", api.url());
    env.put("VPN_ADMINS", "telegram:100");
    env.put("VPN_DOCKER_HOST", "tcp://127.0.0.1:9");
    env.put("VPN_TRAFFIC_INTERVAL", "1s");
    env.put("VPN_ENFORCE_INTERVAL", "2s");
    env.put("VPN_DAILY_AT", "00:00");
    env.put("VPN_LOG_LEVEL", "debug");
    pb.redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
    return pb.start();
  }

  private String log(String name) throws IOException {
    Path f = dir.resolve(name + ".log");
    return Files.exists(f) ? Files.readString(f) : "";
  }

  private void awaitLine(String name, String text, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!log(name).contains(text)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no '" + text + "' from " + name + ":\n" + tail(log(name)));
      }
      Thread.sleep(100);
    }
  }

  private static String tail(String s) {
    return s.length() > 6_000 ? s.substring(s.length() - 6_000) : s;
  }
}
