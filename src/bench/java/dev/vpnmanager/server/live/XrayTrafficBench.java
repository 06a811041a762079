package dev.vpnmanager.server.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.config.Json;
import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.server.ServerSpecs;
import dev.vpnmanager.server.v2ray.XrayApi;
import dev.vpnmanager.server.v2ray.XrayApis;
import dev.vpnmanager.testing.DockerPeer;
import dev.vpnmanager.testing.Peers;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.testing.TestNet;
import dev.vpnmanager.traffic.CycleResult;
import dev.vpnmanager.user.UserRecord;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * On-demand benchmark, not a unit test: the real Xray (the test image laid out like ghcr.io/xtls/xray-core) through
 * the production path, N users on one server (vless: VLESS+REALITY against a local TLS 1.3 dest; socks; http).
 * <ol>
 *   <li>N users imported in one transaction (the events go to live sync as one batch: one AlterInbound burst for
 *       VLESS, one inbound replacement for SOCKS/HTTP); all N then on the core (GetInboundUsers for VLESS; a real
 *       page fetched through every account for all protocols in step 3).</li>
 *   <li>{@code CHANGES} single changes through the whole path (UserService suspend/resume alternating, commit,
 *       event, LiveSync, the core's API), p50/p95; every change is on the core when the call returns.</li>
 *   <li>Traffic: every user fetches a page of its own size (1,000-1,499 bytes) through the server (VLESS: one Xray
 *       client process with a SOCKS inbound whose account names route to one VLESS+REALITY outbound per user,
 *       each outbound taken from the user's delivered config file; SOCKS/HTTP: the user's account directly);
 *       then, once Xray's counters stop moving, one traffic cycle ({@code TrafficCollector.collect()}: running
 *       servers, QueryStats {@code user>>>} from Xray's StatsService, deltas, one commit). Checked every cycle:
 *       all N users changed, none failed, and every user's {@code used_bytes} equals that user's uplink +
 *       downlink in Xray's own QueryStats read after the cycle (exact totals), and is at least the page size.</li>
 * </ol>
 * Needs root (a test address outside the ranges the servers block), the Docker engine, the test images and the
 * xray peer: {@code . .ci/test-env}. Run:
 * java -cp target/test-classes:target/classes:$(cat cp.txt) dev.vpnmanager.server.live.XrayTrafficBench
 *   N [vless|socks|http] [CYCLES] [CHANGES]
 */
public final class XrayTrafficBench {
  private static final int THREADS = Integer.getInteger("bench.threads", 16);

  private XrayTrafficBench() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("bench.log", "error"));
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    String protocol = args.length > 1 ? args[1] : "vless";
    int cycles = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int changes = args.length > 3 ? Integer.parseInt(args[3]) : 100;
    Path dir = Files.createTempDirectory("xray-traffic-bench");
    Path script = dir.resolve("fw.sh");
    Files.writeString(script, "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    List<Process> clients = new ArrayList<>();
    String web = TestNet.address();
    try (RealityDest dest = RealityDest.start(dir); Web page = new Web(web); XrayApis apis = new XrayApis()) {
      Map<String, String> settings = new HashMap<>(Map.of("firewall.script", script.toString(), "public-host",
          "127.0.0.1", "images.vless", DockerPeer.XRAY, "images.socks", DockerPeer.XRAY, "images.http",
          DockerPeer.XRAY, "vless.sni", RealityDest.SNI, "vless.dest", dest.address(), "vless.sni-check", "false"));
      AppComponent app = TestApp.create(dir.resolve("data"), Clock.systemUTC(), settings);
      String server = protocol + "-" + UUID.randomUUID().toString().substring(0, 6);
      int port = freePort();
      app.serverContainers().install(Actor.cli(), protocol, server, port);
      System.out.printf("Xray image %s (%s), %s server, N %d, load average %s%n", DockerPeer.XRAY,
          xrayVersion(), protocol, n, load());
      try {
        XrayApi api = apis.forServer(ServerSpecs.of(app.servers().require(server)));
        // 1. the import
        List<UserRecord> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          rows.add(new UserRecord(null, "usr" + i, protocol, server, null, null, 0, 0, null, null, null, null, null));
        }
        long t0 = System.nanoTime();
        app.userTransfer().importUsers(Actor.cli(), rows, false);
        long imported = System.nanoTime() - t0;
        String onCore = protocol.equals("vless") ? api.inboundUsers("vless-in").size() + " on the core (GetInboundUsers)"
            : "checked by traffic below";
        System.out.printf("1. import of %d users, live sync as one batch: %.0f ms (database + live); %s%n", n,
            imported / 1e6, onCore);

        // 2. single changes through the whole path
        List<Long> each = new ArrayList<>();
        for (int i = 0; i < changes; i++) {
          String who = "usr" + (i / 2 % n);
          long s = System.nanoTime();
          if (i % 2 == 0) {
            app.users().suspend(Actor.cli(), who, "bench");
          } else {
            app.users().resume(Actor.cli(), who);
          }
          each.add(System.nanoTime() - s);
        }
        if (changes > 0) {
          report("2. " + changes + " single changes (suspend/resume alternating) through UserService + live sync, "
              + n + " users on the server", each);
        }
        if (protocol.equals("vless")) {
          System.out.println("   on the core afterwards: " + api.inboundUsers("vless-in").size() + " of " + n);
        }

        // 3. traffic cycles
        int socks = protocol.equals("vless") ? startClient(app, dir, n, clients) : 0;
        app.trafficCollector().collect(); // counters from before (the change probes) out of the way
        List<Long> cycleTimes = new ArrayList<>();
        for (int c = 0; c < cycles; c++) {
          t0 = System.nanoTime();
          int failures = push(app, protocol, n, port, socks, web, page.port());
          long pushed = System.nanoTime() - t0;
          long settled = settle(api);
          String loadBefore = load();
          t0 = System.nanoTime();
          CycleResult r = app.trafficCollector().collect();
          long took = System.nanoTime() - t0;
          cycleTimes.add(took);
          String check = check(app, api, n);
          System.out.printf("3. cycle %d: %.0f ms, %s; load %s; traffic push %.1f s (%d fetches failed), counters"
              + " settled in %d ms; %s%n", c + 1, took / 1e6, r, loadBefore, pushed / 1e9, failures, settled, check);
        }
        report("3. traffic cycle (collect()) with all " + n + " users changed", cycleTimes);
      } finally {
        clients.forEach(Process::destroyForcibly);
        app.serverContainers().remove(Actor.cli(), server);
      }
    }
    System.exit(0);
  }

  /** Every user's used bytes against Xray's own counters for that user, read now. */
  private static String check(AppComponent app, XrayApi api, int n) {
    Map<String, Long> stats = api.queryStats("user>>>");
    long core = 0;
    long db = 0;
    int mismatched = 0;
    int small = 0;
    String first = null;
    for (int i = 0; i < n; i++) {
      String u = "usr" + i;
      long want = stats.getOrDefault("user>>>" + u + ">>>traffic>>>uplink", 0L)
          + stats.getOrDefault("user>>>" + u + ">>>traffic>>>downlink", 0L);
      long got = app.userQueries().require(u).getUsedBytes();
      core += want;
      db += got;
      if (want != got) {
        mismatched++;
        first = first == null ? u + " core " + want + " db " + got : first;
      }
      if (got < 1000) {
        small++;
      }
    }
    return "check: core total " + core + " B, database total " + db + " B, " + mismatched + " users differ"
        + (first == null ? "" : " (first " + first + ")") + ", " + small + " under 1,000 B";
  }

  /** Waits until the sum of Xray's user counters stays the same for three reads 400 ms apart (a connection is counted when it ends). */
  private static long settle(XrayApi api) throws InterruptedException {
    long t0 = System.nanoTime();
    long last = -1;
    int still = 0;
    for (int i = 0; i < 200 && still < 3; i++) {
      long sum = api.queryStats("user>>>").values().stream().mapToLong(Long::longValue).sum();
      still = sum == last ? still + 1 : 0;
      last = sum;
      Thread.sleep(400);
    }
    return (System.nanoTime() - t0) / 1_000_000;
  }

  /** One page per user, {@code bench.threads} (16) at a time; the number of fetches that failed. */
  private static int push(AppComponent app, String protocol, int n, int port, int socks, String web, int webPort)
      throws Exception {
    Map<String, Credentials> creds = new HashMap<>();
    if (!protocol.equals("vless")) {
      for (int i = 0; i < n; i++) {
        creds.put("usr" + i, Credentials.fromJson(app.userQueries().require("usr" + i).getCredentials()));
      }
    }
    if (Boolean.getBoolean("bench.debug")) {
      for (int i = 0; i < 3; i++) {
        long t = System.nanoTime();
        Fetch.viaSocks(socks, "usr" + i, "x", web, webPort, 1000);
        System.out.printf("   one fetch: %.0f ms%n", (System.nanoTime() - t) / 1e6);
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    AtomicInteger failed = new AtomicInteger();
    List<Future<?>> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String u = "usr" + i;
      int bytes = 1000 + i % 500;
      all.add(pool.submit(() -> {
        try {
          switch (protocol) {
            case "vless" -> Fetch.viaSocks(socks, u, "x", web, webPort, bytes);
            case "socks" -> Fetch.viaSocks(port, creds.get(u).get("username"), creds.get(u).get("password"), web,
                webPort, bytes);
            default -> Fetch.viaHttp(port, creds.get(u).get("username"), creds.get(u).get("password"), web, webPort,
                bytes);
          }
        } catch (Exception e) {
          failed.incrementAndGet();
        }
      }));
    }
    for (Future<?> f : all) {
      f.get();
    }
    pool.shutdown();
    pool.awaitTermination(1, TimeUnit.MINUTES);
    return failed.get();
  }

  /**
   * One Xray client for all N users: a SOCKS inbound with an account per user, a routing rule per account name to
   * that user's outbound, the outbound taken from the user's delivered config file.
   */
  private static int startClient(AppComponent app, Path dir, int n, List<Process> clients) throws Exception {
    int socks = freePort();
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.putObject("log").put("loglevel", "error");
    ObjectNode in = root.putArray("inbounds").addObject();
    in.put("tag", "socks").put("listen", "127.0.0.1").put("port", socks).put("protocol", "socks");
    ArrayNode accounts = in.putObject("settings").put("auth", "password").put("udp", false).putArray("accounts");
    ArrayNode outbounds = root.putArray("outbounds");
    ArrayNode rules = root.putObject("routing").putArray("rules");
    for (int i = 0; i < n; i++) {
      String u = "usr" + i;
      accounts.addObject().put("user", u).put("pass", "x");
      JsonNode delivered = Json.MAPPER.readTree(app.configDelivery().configFor(u).file());
      ObjectNode out = (ObjectNode) delivered.path("outbounds").get(0).deepCopy();
      out.put("tag", "o" + i);
      outbounds.add(out);
      ObjectNode rule = rules.addObject();
      rule.put("type", "field").put("outboundTag", "o" + i);
      rule.putArray("user").add(u);
    }
    outbounds.addObject().put("tag", "none").put("protocol", "blackhole");
    Path f = dir.resolve("client.json");
    Files.write(f, Json.MAPPER.writeValueAsBytes(root));
    Process p = new ProcessBuilder(Peers.goPeer("xray").toString(), "run", "-c", f.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("client.log").toFile()).start();
    clients.add(p);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", socks), 200);
        return socks;
      } catch (java.io.IOException notYet) {
        if (!p.isAlive()) {
          throw new IllegalStateException("xray client exited: " + Files.readString(dir.resolve("client.log")));
        }
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("xray client does not listen");
  }

  private static String xrayVersion() {
    try {
      Process p = new ProcessBuilder(Peers.goPeer("xray").toString(), "version").redirectErrorStream(true).start();
      String first = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().findFirst()
          .orElse("?");
      p.waitFor();
      return first.length() > 40 ? first.substring(0, 40) : first;
    } catch (Exception e) {
      return "?";
    }
  }

  static String load() {
    try {
      String[] l = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return l[0] + " " + l[1] + " " + l[2];
    } catch (java.io.IOException e) {
      return "?";
    }
  }

  private static void report(String what, List<Long> nanos) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    System.out.printf("%s: p50 %.2f ms, p95 %.2f ms, max %.2f ms (%d samples)%n", what,
        sorted.get(sorted.size() / 2) / 1e6, sorted.get(Math.min(sorted.size() - 1, sorted.size() * 95 / 100)) / 1e6,
        sorted.get(sorted.size() - 1) / 1e6, sorted.size());
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** A page of the asked size; the connection closes after it (Xray counts a spliced connection when it ends). */
  static final class Fetch {
    static final boolean HALF_CLOSE = !Boolean.getBoolean("bench.noHalfClose");

    static void viaSocks(int port, String user, String pass, String host, int webPort, int bytes) throws Exception {
      try (Socket s = new Socket("127.0.0.1", port)) {
        s.setSoTimeout(10_000);
        OutputStream out = s.getOutputStream();
        DataInputStream in = new DataInputStream(s.getInputStream());
        out.write(new byte[] {5, 1, 2});
        in.readFully(new byte[2]);
        byte[] u = user.getBytes(StandardCharsets.UTF_8);
        byte[] p = pass.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream auth = new ByteArrayOutputStream();
        auth.write(1);
        auth.write(u.length);
        auth.write(u, 0, u.length);
        auth.write(p.length);
        auth.write(p, 0, p.length);
        out.write(auth.toByteArray());
        byte[] status = new byte[2];
        in.readFully(status);
        if (status[1] != 0) {
          throw new IllegalStateException("socks auth refused for " + user);
        }
        byte[] a = InetAddress.getByName(host).getAddress();
        out.write(new byte[] {5, 1, 0, 1, a[0], a[1], a[2], a[3], (byte) (webPort >> 8), (byte) webPort});
        byte[] reply = new byte[10];
        in.readFully(reply);
        if (reply[1] != 0) {
          throw new IllegalStateException("socks connect refused: " + reply[1]);
        }
        get(s, out, in, host, webPort, bytes);
      }
    }

    static void viaHttp(int port, String user, String pass, String host, int webPort, int bytes) throws Exception {
      try (Socket s = new Socket("127.0.0.1", port)) {
        s.setSoTimeout(10_000);
        OutputStream out = s.getOutputStream();
        DataInputStream in = new DataInputStream(s.getInputStream());
        String auth = java.util.Base64.getEncoder().encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8));
        out.write(("CONNECT " + host + ":" + webPort + " HTTP/1.1\r\nHost: " + host + ":" + webPort
            + "\r\nProxy-Authorization: Basic " + auth + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String head = readHead(in);
        if (!head.startsWith("HTTP/1.1 200")) {
          throw new IllegalStateException("CONNECT refused: " + head.lines().findFirst().orElse(""));
        }
        get(s, out, in, host, webPort, bytes);
      }
    }

    private static void get(Socket socket, OutputStream out, DataInputStream in, String host, int webPort, int bytes)
        throws Exception {
      out.write(("GET /?bytes=" + bytes + " HTTP/1.1\r\nHost: " + host + ":" + webPort
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      if (HALF_CLOSE) {
        // the request is all: the cores otherwise hold the finished direction open for their idle timeout
        socket.shutdownOutput();
      }
      // the page by its length, then close: waiting for the far end's close costs the cores' 1 s idle timeouts
      String head = readHead(in);
      int length = head.lines().filter(l -> l.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:"))
          .map(l -> Integer.parseInt(l.substring(15).trim())).findFirst().orElse(-1);
      if (!head.startsWith("HTTP/1.1 200") || length != bytes) {
        throw new IllegalStateException("bad answer: " + head.lines().findFirst().orElse(""));
      }
      in.readFully(new byte[length]);
    }

    private static String readHead(DataInputStream in) throws Exception {
      StringBuilder b = new StringBuilder();
      while (!b.toString().endsWith("\r\n\r\n")) {
        int c = in.read();
        if (c < 0) {
          break;
        }
        b.append((char) c);
      }
      return b.toString();
    }
  }

  /** A web server on the test address answering {@code ?bytes=N} with N bytes and closing. */
  static final class Web implements AutoCloseable {
    private final com.sun.net.httpserver.HttpServer server;

    Web(String host) throws Exception {
      server = com.sun.net.httpserver.HttpServer.create(new InetSocketAddress(host, 0), 0);
      server.setExecutor(Executors.newFixedThreadPool(THREADS));
      server.createContext("/", ex -> {
        String q = ex.getRequestURI().getQuery();
        byte[] body = new byte[q != null && q.startsWith("bytes=") ? Integer.parseInt(q.substring(6)) : 2];
        ex.getResponseHeaders().set("Connection", "close");
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
