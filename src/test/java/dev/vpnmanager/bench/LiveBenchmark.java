package dev.vpnmanager.bench;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.testing.DockerPeer;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.traffic.CycleResult;
import dev.vpnmanager.user.NewUser;
import dev.vpnmanager.server.v2ray.XrayApi;
import dev.vpnmanager.server.v2ray.XrayApis;
import java.io.DataInputStream;
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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * On-demand benchmark, not a unit test, against a real v2ray container (test image): 100 users added live
 * through the whole path (UserService add -> commit -> event -> LiveSync -> AlterInbound) and 100 raw
 * AlterInbound adds over one channel; then 1,000 users with traffic and one traffic cycle (QueryStats alone, and
 * the collector's whole cycle). Needs eval "$(scripts/test-images.sh)" and the Docker engine. Run:
 * mvn -q test-compile && java -cp target/test-classes:target/classes:$(cat cp.txt) LiveBenchmark
 */
public final class LiveBenchmark {
  private LiveBenchmark() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    Path dir = Files.createTempDirectory("live-bench");
    Path script = dir.resolve("fw.sh");
    Files.writeString(script, "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    AppComponent app = TestApp.create(dir.resolve("data"), Clock.systemUTC(), Map.of("images.vless",
        DockerPeer.V2RAY, "vless.core", "v2ray", "firewall.script", script.toString(), "public-host", "127.0.0.1"));
    String server = "bench-" + UUID.randomUUID().toString().substring(0, 6);
    int port = freePort();
    app.serverContainers().install(Actor.cli(), "vless", server, port);
    XrayApis apis = new XrayApis();
    try (Web web = new Web()) {
      List<Long> perAdd = new ArrayList<>();
      long t0 = System.nanoTime();
      for (int i = 0; i < 100; i++) {
        long s = System.nanoTime();
        app.users().add(Actor.cli(), new NewUser("live" + i, "vless", server, 0, null, null, null));
        perAdd.add(System.nanoTime() - s);
      }
      report("100 users added through UserService + live sync", perAdd, System.nanoTime() - t0);

      XrayApi api = apis.of("127.0.0.1", Integer.parseInt(settings(app, server).get("apiPort")), "v2ray");
      List<Long> raw = new ArrayList<>();
      t0 = System.nanoTime();
      for (int i = 0; i < 100; i++) {
        long s = System.nanoTime();
        api.addUser("vless-in", "raw" + i, api.vlessAccount(UUID.randomUUID().toString(), ""));
        raw.add(System.nanoTime() - s);
      }
      report("100 raw AlterInbound adds over one channel", raw, System.nanoTime() - t0);

      for (int i = 100; i < 1000; i++) {
        app.users().add(Actor.cli(), new NewUser("live" + i, "vless", server, 0, null, null, null));
      }
      t0 = System.nanoTime();
      for (int i = 0; i < 1000; i++) {
        String uuid = Credentials.fromJson(app.userQueries().require("live" + i).getCredentials()).get("uuid");
        Vless.get(port, uuid, web.port());
      }
      System.out.printf("traffic pushed for 1000 users in %.0f ms%n", (System.nanoTime() - t0) / 1e6);
      for (int round = 0; round < 3; round++) {
        long s = System.nanoTime();
        int n = api.queryStats("user>>>").size();
        long q = System.nanoTime() - s;
        s = System.nanoTime();
        CycleResult r = app.trafficCollector().collect();
        long c = System.nanoTime() - s;
        System.out.printf("QueryStats: %d counters in %.1f ms; collector cycle: %.1f ms (%s)%n", n, q / 1e6,
            c / 1e6, r);
        if (round < 2) {
          for (int i = 0; i < 1000; i++) {
            String uuid = Credentials.fromJson(app.userQueries().require("live" + i).getCredentials()).get("uuid");
            Vless.get(port, uuid, web.port());
          }
        }
      }
    } finally {
      apis.close();
      app.serverContainers().remove(Actor.cli(), server);
    }
    System.exit(0);
  }

  private static Credentials settings(AppComponent app, String server) {
    return Credentials.fromJson(app.servers().require(server).getSettings());
  }

  private static void report(String what, List<Long> nanos, long total) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    System.out.printf("%s: total %.1f ms, p50 %.2f ms, p95 %.2f ms, max %.2f ms%n", what, total / 1e6,
        sorted.get(sorted.size() / 2) / 1e6, sorted.get(sorted.size() * 95 / 100) / 1e6,
        sorted.get(sorted.size() - 1) / 1e6);
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** A bare VLESS TCP request (version 0, UUID, no addons, command 1, IPv4 target), then an HTTP GET. */
  static final class Vless {
    static void get(int port, String uuid, int webPort) throws Exception {
      try (Socket s = new Socket("127.0.0.1", port)) {
        s.setSoTimeout(3000);
        UUID id = UUID.fromString(uuid);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(26);
        b.put((byte) 0).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        b.put((byte) 0).put((byte) 1).putShort((short) webPort).put((byte) 1).put(new byte[] {127, 0, 0, 1});
        OutputStream out = s.getOutputStream();
        out.write(b.array());
        out.write(("GET / HTTP/1.0\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        s.shutdownOutput();
        DataInputStream in = new DataInputStream(s.getInputStream());
        in.readFully(new byte[2]);
        in.readAllBytes();
      }
    }
  }

  /** A web server on the host's loopback answering 1 KiB. */
  static final class Web implements AutoCloseable {
    private final com.sun.net.httpserver.HttpServer server;

    Web() throws Exception {
      server = com.sun.net.httpserver.HttpServer.create(
          new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/", ex -> {
        byte[] body = new byte[1024];
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
        ex.close();
      });
      server.start();
    }

    int port() {
      return server.getAddress().getPort();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
