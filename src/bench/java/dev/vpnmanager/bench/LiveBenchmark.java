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
 * On-demand benchmark, not a unit test, against a real Xray container (test image; -Dbench.core=v2ray for the
 * v2ray 4.x image): 100 users added live
 * through the whole path (UserService add -> commit -> event -> LiveSync -> AlterInbound) and 100 raw
 * AlterInbound adds over one channel, one batch of 100 adds and of 100 removes; then, on v2ray only, 1,000 users
 * with traffic (bare VLESS) and one traffic cycle (QueryStats alone, and the collector's whole cycle). On Xray the
 * traffic cycle is {@code server.live.XrayTrafficBench}. Needs eval "$(scripts/test-images.sh)" and the Docker engine. Run:
 * mvn -q test-compile && java -cp target/test-classes:target/classes:$(cat cp.txt) LiveBenchmark
 */
public final class LiveBenchmark {
  /**
   * Where the page is: the tests' own address outside every range the servers' wall blocks (the host's loopback,
   * used before the wall, is refused by design).
   */
  static final InetAddress WEB_HOST = webHost();

  private LiveBenchmark() {}

  private static InetAddress webHost() {
    try {
      return InetAddress.getByName(dev.vpnmanager.testing.TestNet.address());
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    Path dir = Files.createTempDirectory("live-bench");
    Path script = dir.resolve("fw.sh");
    Files.writeString(script, "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    String core = System.getProperty("bench.core", "xray");
    boolean xray = core.equals("xray");
    Map<String, String> settings = new java.util.HashMap<>(Map.of("firewall.script", script.toString(),
        "public-host", "127.0.0.1", "vless.core", core, "proxy.core", core));
    String image = xray ? DockerPeer.XRAY : DockerPeer.V2RAY;
    settings.putAll(Map.of("images.vless", image, "images.socks", image));
    if (xray) {
      // the API side needs no reachable dest; traffic goes through a SOCKS server on the same core
      settings.putAll(Map.of("vless.sni", "reality.test.example", "vless.dest", "127.0.0.1:9", "vless.sni-check",
          "false"));
    }
    AppComponent app = TestApp.create(dir.resolve("data"), Clock.systemUTC(), settings);
    String server = "bench-" + UUID.randomUUID().toString().substring(0, 6);
    int port = freePort();
    app.serverContainers().install(Actor.cli(), "vless", server, port);
    System.out.println("core " + core + ", image " + image);
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

      XrayApi api = apis.forServer(dev.vpnmanager.server.ServerSpecs.of(app.servers().require(server)));
      List<Long> raw = new ArrayList<>();
      t0 = System.nanoTime();
      for (int i = 0; i < 100; i++) {
        long s = System.nanoTime();
        api.addUser("vless-in", "raw" + i, api.vlessAccount(UUID.randomUUID().toString(), ""));
        raw.add(System.nanoTime() - s);
      }
      report("100 raw AlterInbound adds over one channel", raw, System.nanoTime() - t0);

      Map<String, Long> batchTimes = new java.util.LinkedHashMap<>();
      List<String> emails = new ArrayList<>();
      Map<String, byte[]> accounts = new java.util.LinkedHashMap<>();
      for (int i = 0; i < 100; i++) {
        emails.add("batch" + i);
        accounts.put("batch" + i, api.vlessAccount(UUID.randomUUID().toString(), xray ? "xtls-rprx-vision" : ""));
      }
      t0 = System.nanoTime();
      Map<String, ?> failedAdds = api.addUsers("vless-in", accounts);
      batchTimes.put("add", System.nanoTime() - t0);
      t0 = System.nanoTime();
      Map<String, ?> failedRemoves = api.removeUsers("vless-in", emails);
      batchTimes.put("remove", System.nanoTime() - t0);
      System.out.printf("one batch of 100 AlterInbound adds: %.1f ms (%d failed); of 100 removes: %.1f ms (%d failed)%n",
          batchTimes.get("add") / 1e6, failedAdds.size(), batchTimes.get("remove") / 1e6, failedRemoves.size());
      if (xray) {
        t0 = System.nanoTime();
        int listed = api.inboundUsers("vless-in").size();
        System.out.printf("GetInboundUsers: %d users in %.1f ms%n", listed, (System.nanoTime() - t0) / 1e6);
      }

      if (xray) {
        // Xray's VLESS speaks only REALITY: the traffic cycle on Xray is server.live.XrayTrafficBench
        System.out.println("traffic on Xray: see dev.vpnmanager.server.live.XrayTrafficBench");
      } else {
        String trafficServer = server;
        String protocol = "vless";
        for (int i = 100; i < 1000; i++) {
          app.users().add(Actor.cli(), new NewUser("live" + i, protocol, trafficServer, 0, null,
              null, null));
        }
        String prefix = "live";
        t0 = System.nanoTime();
        push(app, false, prefix, port, web.port());
        System.out.printf("traffic pushed for 1000 users in %.0f ms%n", (System.nanoTime() - t0) / 1e6);
        for (int round = 0; round < 3; round++) {
          long s = System.nanoTime();
          XrayApi statsApi = apis.forServer(dev.vpnmanager.server.ServerSpecs.of(app.servers().require(trafficServer)));
          int n = statsApi.queryStats("user>>>").size();
          long q = System.nanoTime() - s;
          s = System.nanoTime();
          CycleResult r = app.trafficCollector().collect();
          long c = System.nanoTime() - s;
          System.out.printf("QueryStats: %d counters in %.1f ms; collector cycle: %.1f ms (%s)%n", n, q / 1e6,
              c / 1e6, r);
          if (round < 2) {
            push(app, false, prefix, port, web.port());
          }
        }
      }
    } finally {
      apis.close();
      app.serverContainers().remove(Actor.cli(), server);
    }
    System.exit(0);
  }

  /** One small GET for each of the 1,000 traffic users: VLESS (v2ray core, no Reality) or SOCKS5 (Xray). */
  private static void push(AppComponent app, boolean socks, String prefix, int port, int webPort) throws Exception {
    for (int i = 0; i < 1000; i++) {
      Credentials c = Credentials.fromJson(app.userQueries().require(prefix + i).getCredentials());
      if (socks) {
        Socks.get(port, c.get("username"), c.get("password"), webPort);
      } else {
        Vless.get(port, c.get("uuid"), webPort);
      }
    }
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
        b.put((byte) 0).put((byte) 1).putShort((short) webPort).put((byte) 1).put(WEB_HOST.getAddress());
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

  /** SOCKS5 with username/password (RFC 1929), CONNECT to 127.0.0.1:webPort, then an HTTP GET. */
  static final class Socks {
    static void get(int port, String user, String pass, int webPort) throws Exception {
      try (Socket s = new Socket("127.0.0.1", port)) {
        s.setSoTimeout(3000);
        OutputStream out = s.getOutputStream();
        DataInputStream in = new DataInputStream(s.getInputStream());
        out.write(new byte[] {5, 1, 2});
        in.readFully(new byte[2]);
        byte[] u = user.getBytes(StandardCharsets.UTF_8);
        byte[] p = pass.getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream auth = new java.io.ByteArrayOutputStream();
        auth.write(1);
        auth.write(u.length);
        auth.write(u);
        auth.write(p.length);
        auth.write(p);
        out.write(auth.toByteArray());
        byte[] status = new byte[2];
        in.readFully(status);
        if (status[1] != 0) {
          throw new IllegalStateException("socks auth refused for " + user);
        }
        byte[] a = WEB_HOST.getAddress();
        out.write(new byte[] {5, 1, 0, 1, a[0], a[1], a[2], a[3], (byte) (webPort >> 8), (byte) webPort});
        in.readFully(new byte[10]);
        out.write(("GET / HTTP/1.0\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        in.readAllBytes();
      }
    }
  }

  /** A web server on {@link #WEB_HOST} answering 1 KiB. */
  static final class Web implements AutoCloseable {
    private final com.sun.net.httpserver.HttpServer server;

    Web() throws Exception {
      server = com.sun.net.httpserver.HttpServer.create(
          new java.net.InetSocketAddress(WEB_HOST, 0), 0);
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
