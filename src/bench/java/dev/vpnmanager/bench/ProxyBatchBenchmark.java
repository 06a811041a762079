package dev.vpnmanager.bench;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.testing.DockerPeer;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.user.NewUser;
import dev.vpnmanager.user.UserRecord;
import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * On-demand benchmark, not a unit test: SOCKS5 or HTTP accounts on a real Xray container (the test image, the
 * official image's layout), all through the production path. Xray's SOCKS and HTTP inbounds are not user managers,
 * so every change replaces the inbound with the accounts of the server's active users.
 * (1) N users added one by one (UserService add, commit, event, LiveSync, one inbound replacement each): the cost
 * of one replacement as the inbound grows, per block of N/10 adds. (2) N more users in one import (one transaction,
 * the events published as one batch: one replacement for the whole batch). (3) 50 single changes (suspend/resume
 * alternating) on the inbound of 2N accounts. After (1) and (2) every account is checked with the protocol's own
 * handshake (SOCKS5 user/password sub-negotiation, HTTP CONNECT with Proxy-Authorization) against the running core.
 * Needs the Docker engine and {@code eval "$(scripts/test-images.sh)"}. Run:
 * java -cp target/test-classes:target/classes:$(cat cp.txt) dev.vpnmanager.bench.ProxyBatchBenchmark [N] [socks|http]
 */
public final class ProxyBatchBenchmark {
  private ProxyBatchBenchmark() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("bench.log", "error"));
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    String protocol = args.length > 1 ? args[1] : "socks";
    Path dir = Files.createTempDirectory("proxy-batch-bench");
    Path script = dir.resolve("fw.sh");
    Files.writeString(script, "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    AppComponent app = TestApp.create(dir.resolve("data"), Clock.systemUTC(), Map.of("images." + protocol,
        DockerPeer.XRAY, "firewall.script", script.toString(), "public-host", "127.0.0.1"));
    String server = protocol + "-" + UUID.randomUUID().toString().substring(0, 6);
    int port = freePort();
    app.serverContainers().install(Actor.cli(), protocol, server, port);
    System.out.println("Xray image " + DockerPeer.XRAY + ", " + protocol + " server on port " + port + ", N " + n);
    try {
      List<Long> each = new ArrayList<>();
      int block = Math.max(1, n / 10);
      long t0 = System.nanoTime();
      long blockStart = t0;
      for (int i = 0; i < n; i++) {
        long s = System.nanoTime();
        app.users().add(Actor.cli(), new NewUser("one" + i, protocol, server, 0, null, null, null));
        each.add(System.nanoTime() - s);
        if ((i + 1) % block == 0) {
          System.out.printf("  adds %d-%d: mean %.1f ms per add%n", i + 2 - block, i + 1,
              (System.nanoTime() - blockStart) / 1e6 / block);
          blockStart = System.nanoTime();
        }
      }
      long oneByOne = System.nanoTime() - t0;
      report(n + " users one by one through UserService + live sync", each, oneByOne);
      System.out.println("  accepted by the core: " + accepted(app, protocol, port, "one", n) + " of " + n);

      List<UserRecord> rows = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        rows.add(new UserRecord(null, "imp" + i, protocol, server, null, null, 0, 0, null, null, null, null, null));
      }
      t0 = System.nanoTime();
      app.userTransfer().importUsers(Actor.cli(), rows, false);
      long imported = System.nanoTime() - t0;
      System.out.printf("%d users in one import (one transaction, events as one batch), %d accounts before:"
          + " %.0f ms%n", n, n, imported / 1e6);
      System.out.println("  accepted by the core: " + accepted(app, protocol, port, "imp", n) + " of " + n);
      System.out.println("  a made-up account accepted: " + accepts(protocol, port, "nobody", "wrong"));

      List<Long> changes = new ArrayList<>();
      t0 = System.nanoTime();
      for (int i = 0; i < 50; i++) {
        String who = "one" + (i / 2 % n);
        long s = System.nanoTime();
        if (i % 2 == 0) {
          app.users().suspend(Actor.cli(), who, "bench");
        } else {
          app.users().resume(Actor.cli(), who);
        }
        changes.add(System.nanoTime() - s);
      }
      report("50 single changes (suspend/resume) on an inbound of " + (2 * n) + " accounts", changes,
          System.nanoTime() - t0);
    } finally {
      app.serverContainers().remove(Actor.cli(), server);
    }
    System.exit(0);
  }

  private static int accepted(AppComponent app, String protocol, int port, String prefix, int n) {
    int ok = 0;
    for (int i = 0; i < n; i++) {
      Credentials c = Credentials.fromJson(app.userQueries().require(prefix + i).getCredentials());
      if (accepts(protocol, port, c.get("username"), c.get("password"))) {
        ok++;
      } else {
        System.out.println("  not accepted: " + prefix + i);
      }
    }
    return ok;
  }

  /** The protocol's own authentication against the core, nothing more. */
  static boolean accepts(String protocol, int port, String user, String pass) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(3000);
      OutputStream out = s.getOutputStream();
      InputStream raw = s.getInputStream();
      if (protocol.equals("http")) {
        String auth = Base64.getEncoder().encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8));
        out.write(("CONNECT 127.0.0.1:9 HTTP/1.1\r\nHost: 127.0.0.1:9\r\nProxy-Authorization: Basic " + auth
            + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        byte[] head = new byte[12];
        new DataInputStream(raw).readFully(head);
        return !new String(head, StandardCharsets.US_ASCII).contains("407");
      }
      DataInputStream in = new DataInputStream(raw);
      out.write(new byte[] {5, 1, 2});
      in.readFully(new byte[2]);
      byte[] u = user.getBytes(StandardCharsets.UTF_8);
      byte[] p = pass.getBytes(StandardCharsets.UTF_8);
      java.io.ByteArrayOutputStream auth = new java.io.ByteArrayOutputStream();
      auth.write(1);
      auth.write(u.length);
      auth.write(u, 0, u.length);
      auth.write(p.length);
      auth.write(p, 0, p.length);
      out.write(auth.toByteArray());
      byte[] status = new byte[2];
      in.readFully(status);
      return status[1] == 0;
    } catch (Exception e) {
      return false;
    }
  }

  private static void report(String what, List<Long> nanos, long total) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    System.out.printf("%s: total %.0f ms, p50 %.2f ms, p95 %.2f ms, max %.2f ms%n", what, total / 1e6,
        sorted.get(sorted.size() / 2) / 1e6, sorted.get(sorted.size() * 95 / 100) / 1e6,
        sorted.get(sorted.size() - 1) / 1e6);
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
