package dev.vpnmanager.bench;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.docker.Labels;
import dev.vpnmanager.domain.VpnServer;
import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.server.runtime.ApiSockets;
import dev.vpnmanager.storage.Tx;
import dev.vpnmanager.testing.StatsStandIn;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.user.NewUser;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * On-demand benchmark, not a unit test: the resident memory of the real daemon ({@code serve} in a child JVM,
 * with the JVM flags the launchers give it, read from scripts/vpn-manager, plus native memory tracking) with N users
 * whose traffic and enforcement jobs run every 2 s unless -Dbench.env says otherwise (the daemon's default is 10 s;
 * the reconcile job runs at start and at its default, every 5 minutes, comparing the core's users with the
 * database's; the stand-in lists them all). The server's counters come
 * from {@link StatsStandIn} in this process (QueryStats over gRPC on a Unix socket in the data dir, as a local
 * server's core answers by default, or on the loopback with -Dbench.tcp=true; every counter growing); the
 * server's container is a real, idle container ({@code sleep}) labelled as the server's, so the daemon's own
 * docker lookups find it running. VmRSS and VmHWM are sampled from /proc/PID/status; the users' used bytes
 * are read at the end to show the jobs counted, and the JVM's own account of its memory by area (heap, classes,
 * code, threads, GC, other native) is printed from {@code jcmd PID VM.native_memory summary}. Needs docker and an image with {@code sleep}
 * (default vpn-manager-test/proxy:local, or -Dbench.image=...); -Dbench.jvm="FLAGS" passes JVM flags to the
 * daemon (what VPN_JAVA_OPTS does for scripts/vpn-manager). As users run it: -Dbench.jar=target/vpn-manager.jar
 * runs the jar instead of this class path, and -Dbench.cds=FILE gives it the daemon's own AppCDS archive as the
 * launchers do (a first run writes FILE at exit, the next ones map it); -Dbench.nmt=false leaves out native memory
 * tracking (which costs a few MB itself); -Dbench.env="K=V ..." adds to the daemon's environment. Run:
 * java -cp target/test-classes:target/classes:$(cat cp.txt) dev.vpnmanager.bench.DaemonRssBenchmark [N [seconds]]
 */
public final class DaemonRssBenchmark {
  private DaemonRssBenchmark() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 120;
    String image = System.getProperty("bench.image", "vpn-manager-test/proxy:local");
    Path dir = Files.createTempDirectory("daemon-rss-bench");
    AppComponent app = TestApp.create(dir, Clock.systemUTC(), Map.of());
    // a server name of its own (-Dbench.server): its container's label then never matches a test's server (vless-1)
    // or another run's, so runs beside each other or beside the tests do not see each other's containers
    String serverName = System.getProperty("bench.server", "rss-bench");
    new Tx(app.database()).run(txn -> app.servers().define(txn, Actor.cli(), "vless", serverName, null));
    app.users().add(Actor.cli(), new NewUser("seed", "vless", serverName, 0, null, null, null));
    VpnServer server = app.userQueries().require("seed").getServer();
    JobsBenchmark.insertUsersInto(app, n, server.getId(), Clock.systemUTC().instant());
    String container = run("docker", "run", "-d", "--rm", "--network", "none", "--label", Labels.MANAGED + "=true",
        "--label", Labels.SERVER + "=" + server.getName(), "--entrypoint", "sleep", image, "3600").trim();
    Process child = null;
    // a local server's core answers on a Unix socket in the data dir by default (ApiSockets), so the daemon reads
    // it there; -Dbench.tcp=true reads it on the loopback at a port instead, as servers deployed before the sockets
    boolean tcp = Boolean.getBoolean("bench.tcp");
    Path socket = dir.resolve("api.sock");
    try (StatsStandIn core = new StatsStandIn(n, 1, "u", tcp ? null : socket)) {
      server.setDeployed(true);
      server.setContainerId(container);
      Credentials settings = Credentials.fromJson(server.getSettings()).with("core", "xray");
      server.setSettings((tcp ? settings.with("apiPort", Integer.toString(core.port()))
          : settings.with(ApiSockets.KEY, socket.toString())).toJson());
      app.database().update(server);
      app.database().shutdown();
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> cmd = new ArrayList<>(List.of(java));
      String flags = System.getProperty("bench.jvm", launcherFlags()).trim();
      if (!flags.isEmpty()) {
        cmd.addAll(List.of(flags.split("\\s+")));
      }
      boolean nmt = Boolean.parseBoolean(System.getProperty("bench.nmt", "true"));
      if (nmt) {
        cmd.add("-XX:NativeMemoryTracking=summary");
      }
      String jar = System.getProperty("bench.jar", "");
      String cds = System.getProperty("bench.cds", "");
      String archive = "";
      if (!cds.isEmpty()) { // as the launchers do: the first run writes the archive at exit, later runs use it
        if (jar.isEmpty()) {
          throw new IllegalArgumentException("-Dbench.cds needs -Dbench.jar (AppCDS archives classes from jars)");
        }
        boolean use = Files.isRegularFile(Path.of(cds));
        archive = use ? "-XX:SharedArchiveFile=" + cds : "-XX:ArchiveClassesAtExit=" + cds;
        // -Xshare:on: an archive that does not fit (the jar rebuilt since) stops the run instead of being ignored
        cmd.addAll(List.of(archive, use ? "-Xshare:on" : "-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
      }
      System.out.println("daemon JVM flags: " + (flags.isEmpty() ? "(none)" : flags)
          + (nmt ? " -XX:NativeMemoryTracking=summary" : "") + (archive.isEmpty() ? "" : " " + archive)
          + (jar.isEmpty() ? " (class path of this process)" : " -jar " + jar));
      if (jar.isEmpty()) {
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.vpnmanager.Main", "serve"));
      } else {
        cmd.addAll(List.of("-jar", jar, "serve"));
      }
      int httpPort;
      try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        httpPort = free.getLocalPort();
      }
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("serve.log").toFile());
      pb.environment().putAll(Map.of("VPN_DATA_DIR", dir.toString(), "VPN_PUBLIC_HOST", "vpn.example.test",
          "VPN_TRAFFIC_INTERVAL", "2s", "VPN_ENFORCE_INTERVAL", "2s", // the reconcile job at its default, 5 min
          "VPN_HTTP_LISTEN", "127.0.0.1:" + httpPort)); // a free port: a daemon already on 8080 is left alone
      pb.environment().put("MALLOC_ARENA_MAX", System.getProperty("bench.malloc-arenas", "2")); // as the launchers
      for (String kv : System.getProperty("bench.env", "").trim().split("\\s+")) {
        if (!kv.isEmpty()) { // more of the environment, KEY=VALUE KEY=VALUE (what a launcher exports)
          pb.environment().put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
      }
      child = pb.start();
      List<long[]> samples = new ArrayList<>();
      long start = System.nanoTime();
      while ((System.nanoTime() - start) / 1e9 < seconds && child.isAlive()) {
        Thread.sleep(1_000);
        long[] s = status(child.pid());
        samples.add(s);
        long t = Math.round((System.nanoTime() - start) / 1e9);
        if (t % 10 == 0) {
          System.out.printf("t=%3d s  VmRSS %,d kB  VmHWM %,d kB  core answers %d%n", t, s[0], s[1], core.generation());
        }
      }
      if (!child.isAlive()) {
        throw new IllegalStateException("serve exited: " + Files.readString(dir.resolve("serve.log")));
      }
      System.out.println("at the end, /proc/PID/status: " + String.join(", ", statusLines(child.pid(),
          "VmRSS", "RssAnon", "RssFile", "RssShmem")) + " (RssFile: mapped files such as libjvm.so, shared)");
      String summary = nmt ? run("jcmd", Long.toString(child.pid()), "VM.native_memory", "summary", "scale=MB") : "";
      if (nmt) {
        System.out.println("JVM's own accounting at the end (jcmd VM.native_memory summary, committed MB):");
      }
      for (String line : summary.split("\n")) {
        Matcher m = Pattern
            .compile("^(?:-\\s+)?([A-Z][A-Za-z ]+?):?\\s+\\(?reserved=\\d+MB, committed=(\\d+)MB").matcher(line.trim());
        if (m.find() && Integer.parseInt(m.group(2)) > 0) {
          System.out.printf("  %-20s %4s MB%n", m.group(1).trim(), m.group(2));
        }
      }
      // the jobs' own account of their time (the daemon's /metrics, read only now: its registry is built at the
      // first scrape, after the last sample), so a flag that saves memory can be seen not to slow the cycle
      System.out.println("jobs as the daemon timed them (GET /metrics): " + jobTimes(httpPort));
      // every one-second sample from 30 s on: the 10-second lines above fall at one phase of a 10 s cycle (just
      // before it, after the native-heap trim), so they show its troughs, not the rise each cycle makes
      long[] after30 = samples.stream().skip(Math.min(30, samples.size() - 1)).mapToLong(s -> s[0]).toArray();
      System.out.printf("VmRSS every second from 30 s on: min %,d kB, mean %,d kB, max %,d kB; %d of %d samples"
          + " above 200,000 kB%n", Arrays.stream(after30).min().orElse(0),
          Math.round(Arrays.stream(after30).average().orElse(0)), Arrays.stream(after30).max()
              .orElse(0), Arrays.stream(after30).filter(v -> v > 200_000).count(), after30.length);
      long last = samples.get(samples.size() - 1)[0];
      long max = samples.stream().mapToLong(s -> s[0]).max().orElse(0);
      long hwm = samples.get(samples.size() - 1)[1];
      child.destroy();
      child.waitFor();
      AppComponent after = TestApp.create(dir, Clock.systemUTC(), Map.of());
      long counted = usedBytes(after);
      after.database().shutdown();
      System.out.printf("%,d users, %d s, traffic every %s, enforce every %s: VmRSS last %,d kB, max sampled %,d kB,"
          + " VmHWM %,d kB; core answered %d QueryStats; users' used bytes now %,d%n",
          n, seconds, pb.environment().get("VPN_TRAFFIC_INTERVAL"), pb.environment().get("VPN_ENFORCE_INTERVAL"),
          last, max, hwm, core.generation(), counted);
      if (counted == 0) {
        throw new IllegalStateException("the traffic job counted nothing: see " + dir.resolve("serve.log"));
      }
    } finally {
      if (child != null) {
        child.destroyForcibly();
      }
      run("docker", "rm", "-f", container);
    }
    System.exit(0);
  }

  /**
   * The flags the launchers give {@code serve} (the {@code daemon="..."} line of scripts/vpn-manager; the
   * Debian and image launchers carry the same), so the daemon is measured as users run it.
   */
  static String launcherFlags() throws Exception {
    for (String line : Files.readAllLines(Path.of("scripts/vpn-manager"))) {
      String t = line.trim();
      if (t.startsWith("daemon=\"")) {
        return t.substring(8, t.lastIndexOf('"'));
      }
    }
    throw new IllegalStateException("no daemon=\"...\" line in scripts/vpn-manager");
  }

  /** Runs, mean and last duration of the traffic and enforce jobs, from the daemon's HTTP face on this port. */
  private static String jobTimes(int port) {
    try {
      String text = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString()).body();
      Map<String, Double> v = new java.util.HashMap<>();
      Matcher m = Pattern.compile("(?m)^(vpn_job_runs_total|vpn_job_runs|vpn_job_duration_seconds_total|"
          + "vpn_job_duration_seconds|vpn_job_last_duration_seconds)\\{job=\"(\\w+)\"\\} (\\S+)$").matcher(text);
      while (m.find()) {
        v.put(m.group(1).replace("_total", "") + "/" + m.group(2), Double.parseDouble(m.group(3)));
      }
      StringBuilder out = new StringBuilder();
      for (String job : List.of("traffic", "enforce")) {
        double runs = v.getOrDefault("vpn_job_runs/" + job, 0.0);
        double secs = v.getOrDefault("vpn_job_duration_seconds/" + job, 0.0);
        out.append(String.format("%s %.0f runs, mean %.0f ms, last %.0f ms; ", job, runs,
            runs == 0 ? 0 : secs * 1000 / runs, v.getOrDefault("vpn_job_last_duration_seconds/" + job, 0.0) * 1000));
      }
      return out.toString();
    } catch (Exception e) {
      return "not read (" + e + ")";
    }
  }

  private static List<String> statusLines(long pid, String... keys) throws Exception {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      for (String k : keys) {
        if (line.startsWith(k + ":")) {
          out.add(line.replaceAll("\\s+", " "));
        }
      }
    }
    return out;
  }

  /** VmRSS and VmHWM in kB. */
  private static long[] status(long pid) throws Exception {
    long[] out = new long[2];
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        out[0] = Long.parseLong(line.replaceAll("\\D", ""));
      } else if (line.startsWith("VmHWM:")) {
        out[1] = Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    return out;
  }

  private static long usedBytes(AppComponent app) {
    return new Tx(app.database()).write(txn -> {
      try (PreparedStatement ps = txn.connection().prepareStatement(
          "select coalesce(sum(used_bytes), 0) from user_usage");
           ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  private static String run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", cmd) + ": " + out);
    }
    return out;
  }
}
