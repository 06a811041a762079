package dev.vpnmanager.server.live;

import com.sun.net.httpserver.HttpServer;
import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.docker.ContainerRuntime;
import dev.vpnmanager.protocol.ServerSpec;
import dev.vpnmanager.server.ServerSpecs;
import dev.vpnmanager.testing.TestApp;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * The app on a real SQLite file and a web server on every address of the host ({@code /hello}, {@code /bytes/N}):
 * for the wall tests, which aim at the host's private and bridge addresses on purpose, and for {@link LiveBench},
 * which times the live layer itself. End-to-end tests of user changes and counters use {@link LiveFixture} (the
 * production path) instead. Also the port and waiting helpers the live tests share.
 */
final class HandWiredFixture implements AutoCloseable {
  final String suffix;
  final AppComponent app;
  final HttpServer web;

  HandWiredFixture(Path dir, String suffix, Map<String, String> settings) throws IOException {
    this.suffix = suffix;
    Path script = dir.resolve("firewall.sh");
    Files.writeString(script, "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    Map<String, String> all = new HashMap<>(settings);
    all.put("firewall.script", script.toString());
    all.putIfAbsent("port-range", "43000-43999");
    app = TestApp.create(dir.resolve("data"), Clock.systemUTC(), all);
    web = HttpServer.create(new InetSocketAddress("0.0.0.0", 0), 0);
    web.createContext("/", ex -> {
      String path = ex.getRequestURI().getPath();
      long n = path.startsWith("/bytes/") ? Long.parseLong(path.substring(7)) : 5;
      ex.sendResponseHeaders(200, n);
      try (OutputStream out = ex.getResponseBody()) {
        byte[] chunk = (path.startsWith("/bytes/") ? "x".repeat(8192) : "hello").getBytes(StandardCharsets.UTF_8);
        for (long left = n; left > 0; left -= chunk.length) {
          out.write(chunk, 0, (int) Math.min(left, chunk.length));
        }
      }
    });
    web.start();
  }

  int webPort() {
    return web.getAddress().getPort();
  }

  ServerSpec spec(String server) {
    return ServerSpecs.of(app.servers().require(server));
  }

  static String newSuffix() {
    return java.util.UUID.randomUUID().toString().substring(0, 6);
  }

  /** A port free for both tcp and udp on this host, in 43000-43999. */
  static int freePort() {
    return freePort(43000);
  }

  /** The first of {@code count} consecutive ports free for tcp and udp, from {@code base} to base + 999. */
  static int freeBlock(int base, int count) {
    for (int tries = 0; tries < 200; tries++) {
      int first = freePort(base);
      boolean all = true;
      for (int p = first + 1; p < first + count && all; p++) {
        try (ServerSocket t = new ServerSocket(p); DatagramSocket u = new DatagramSocket(p)) {
          // free
        } catch (IOException e) {
          all = false;
        }
      }
      if (all) {
        return first;
      }
    }
    throw new IllegalStateException("no " + count + " free consecutive ports from " + base);
  }

  /** A port free for both tcp and udp, from {@code base} to base + 999. */
  static int freePort(int base) {
    for (int p = base + (int) (Math.random() * 900); ; p++) {
      try (ServerSocket t = new ServerSocket(p); DatagramSocket u = new DatagramSocket(p)) {
        return p;
      } catch (IOException e) {
        // taken: try the next one
      }
    }
  }

  /** The supplier's value once it equals {@code expected} (failures meanwhile retried), else its last value. */
  static <T> T eventually(java.util.function.Supplier<T> value, T expected) {
    long deadline = System.nanoTime() + 15_000_000_000L;
    T last = null;
    while (System.nanoTime() < deadline) {
      try {
        last = value.get();
        if (expected.equals(last)) {
          return last;
        }
      } catch (RuntimeException e) {
        // not up yet
      }
      sleep(200);
    }
    return last;
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    web.stop(0);
    ContainerRuntime rt = app.containerRuntime();
    rt.listManaged().stream().filter(c -> c.server() != null && c.server().endsWith(suffix))
        .forEach(c -> rt.remove(c.id()));
  }
}
