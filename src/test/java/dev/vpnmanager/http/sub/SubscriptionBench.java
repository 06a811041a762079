package dev.vpnmanager.http.sub;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.domain.SubscriptionToken;
import dev.vpnmanager.domain.VpnUser;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.user.NewUser;
import dev.vpnmanager.user.UserFiles;
import dev.vpnmanager.user.UserRecord;
import io.ebean.Transaction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * On-demand benchmark (not a unit test) of subscriptions at N users (default 100,000): the in-process time of
 * one subscription request (token lookup, user, link, base64 body, headers), then, with {@code serve SECONDS},
 * the HTTP server stays up for wrk and writes the tokens to a file. scripts/bench-http.sh runs both.
 */
public final class SubscriptionBench {
  private SubscriptionBench() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int serveSeconds = args.length > 2 && args[1].equals("serve") ? Integer.parseInt(args[2]) : 0;
    Path dir = Files.createTempDirectory("sub-bench");
    AppComponent app = TestApp.create(dir, Clock.systemUTC(), Map.of("http.public-url", "https://vpn.example.test",
        "vless.sni", "www.example.com", "vless.sni-check", "false", "http.listen", "127.0.0.1:0"));
    app.users().add(Actor.cli(), new NewUser("seed", "vless", null, 0, null, null, null));
    String credentials = app.database().find(VpnUser.class).where().eq("username", "seed").findOne().getCredentials();
    List<UserRecord> rows = new ArrayList<>(n);
    Map<String, String> creds = UserFiles.JSON.readValue(credentials, Map.class);
    for (int i = 0; i < n; i++) {
      rows.add(new UserRecord(null, String.format("user%06d", i), "vless", "vless-1", "active", null,
          50_000_000_000L, i, null, null, null, null, creds));
    }
    long t0 = System.nanoTime();
    app.userTransfer().importUsers(Actor.cli(), rows, false);
    System.out.printf("imported %d users in %d ms%n", n, (System.nanoTime() - t0) / 1_000_000);

    SubscriptionTokens tokens = app.subscriptionTokens();
    List<String> all = new ArrayList<>(n);
    t0 = System.nanoTime();
    List<VpnUser> users = app.database().find(VpnUser.class).select("id, createdAt").findList();
    try (Transaction txn = app.database().beginTransaction()) {
      txn.setBatchSize(1000);
      for (VpnUser u : users) {
        String t = tokens.derive(u, 0);
        SubscriptionToken row = new SubscriptionToken();
        row.setUserId(u.getId());
        row.setTokenHash(SubscriptionTokens.sha256(t));
        app.database().insert(row, txn);
        all.add(t);
      }
      txn.commit();
    }
    System.out.printf("made %d subscription tokens in %d ms%n", all.size(), (System.nanoTime() - t0) / 1_000_000);

    Subscriptions subs = new Subscriptions(tokens, app.protocols(), app.settings());
    Random random = new Random(1);
    int warm = 20_000;
    int measured = 20_000;
    long[] nanos = new long[measured];
    for (int i = 0; i < warm + measured; i++) {
      String t = all.get(random.nextInt(all.size()));
      long s = System.nanoTime();
      Subscription sub = subs.find(t).orElseThrow();
      String body = subs.body(sub, Format.BASE64).orElseThrow();
      Map<String, String> h = subs.headers(sub, Format.BASE64);
      long took = System.nanoTime() - s;
      if (body.isEmpty() || h.isEmpty()) {
        throw new AssertionError();
      }
      if (i >= warm) {
        nanos[i - warm] = took;
      }
    }
    Arrays.sort(nanos);
    System.out.printf("in process, %d users, %d requests (base64, random users): p50 %.3f ms, p95 %.3f ms, "
        + "p99 %.3f ms, max %.3f ms%n", n, measured, nanos[measured / 2] / 1e6, nanos[measured * 95 / 100] / 1e6,
        nanos[measured * 99 / 100] / 1e6, nanos[measured - 1] / 1e6);

    if (serveSeconds > 0) {
      app.webServer().start();
      Path list = Path.of(System.getProperty("bench.tokens", dir.resolve("tokens.txt").toString()));
      Files.write(list, all.subList(0, Math.min(10_000, all.size())));
      System.out.println("serving " + app.webServer().localUrl() + " tokens " + list + " pid "
          + ProcessHandle.current().pid());
      System.out.flush();
      Thread.sleep(serveSeconds * 1000L);
      app.webServer().close();
    }
    app.database().shutdown(false, false);
  }
}
