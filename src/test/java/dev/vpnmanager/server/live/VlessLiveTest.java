package dev.vpnmanager.server.live;

import static dev.vpnmanager.server.live.LiveFixture.HELLO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.testing.TestNet;
import dev.vpnmanager.docker.ContainerState;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A VLESS server (v2ray core) installed in a real container; users' real v2ray clients fetch a page through it.
 * Suspend, resume, rotate and delete reach the running core live: no restart, another user's open connection
 * untouched.
 */
class VlessLiveTest {
  @TempDir Path dir;
  LiveFixture f;

  @BeforeEach
  void setUp() throws Exception {
    f = new LiveFixture(dir, Clock.systemUTC(), Map.of());
  }

  @AfterEach
  void tearDown() {
    if (f != null) {
      f.close();
    }
  }

  @Test
  void userChangesReachTheRunningCoreWithoutARestart() throws Exception {
    String server = f.install("vless");
    f.user("alice", server, 0);
    f.user("bob", server, 0);
    ContainerState before = f.rt.inspect(f.containerId(server)).orElseThrow();
    int alice = f.vlessClient("alice");
    int bob = f.vlessClient("bob");
    assertEquals(HELLO, f.fetchVia(alice, ""));
    try (KeepAlive open = new KeepAlive(bob, f.web.getAddress().getPort())) {
      assertEquals(HELLO, open.get());

      long cut = System.nanoTime();
      f.app.users().suspend(Actor.cli(), "alice", "test");
      assertNotEquals(HELLO, f.fetchVia(alice, ""));
      assertTrue(System.nanoTime() - cut < 1_000_000_000L, "cut within a second, the refused fetch included");
      assertEquals(HELLO, open.get(), "bob's open connection keeps working");
      assertEquals(HELLO, f.fetchVia(bob, ""));

      f.app.users().resume(Actor.cli(), "alice");
      assertEquals(HELLO, f.fetchVia(alice, ""));

      f.app.users().rotate(Actor.cli(), "alice");
      assertNotEquals(HELLO, f.fetchVia(alice, ""), "the old config is refused");
      int rotated = f.vlessClient("alice");
      assertEquals(HELLO, f.fetchVia(rotated, ""));

      f.app.users().delete(Actor.cli(), "alice");
      assertNotEquals(HELLO, f.fetchVia(rotated, ""));
      assertEquals(HELLO, open.get());
    }
    ContainerState after = f.rt.inspect(f.containerId(server)).orElseThrow();
    assertEquals(before.startedAt(), after.startedAt(), "no restart");
    assertEquals(before.restartCount(), after.restartCount());
  }

  /** One HTTP/1.1 keep-alive connection through a local socks port, reused for every request. */
  static final class KeepAlive implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;
    private final int webPort;

    KeepAlive(int socksPort, int webPort) throws Exception {
      this(viaSocks(socksPort, webPort), webPort);
    }

    /** Over a socket already tunnelled to the web server. */
    KeepAlive(Socket tunnel, int webPort) throws Exception {
      this.webPort = webPort;
      socket = tunnel;
      socket.setSoTimeout(3000);
      in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
    }

    private static Socket viaSocks(int socksPort, int webPort) throws Exception {
      Socket s = new Socket(new Proxy(Proxy.Type.SOCKS, new InetSocketAddress("127.0.0.1", socksPort)));
      s.connect(new InetSocketAddress(TestNet.address(), webPort), 3000);
      return s;
    }

    String get() throws Exception {
      OutputStream out = socket.getOutputStream();
      out.write(("GET / HTTP/1.1\r\nHost: " + TestNet.address() + ":" + webPort + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      int length = 0;
      for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
        if (line.toLowerCase().startsWith("content-length:")) {
          length = Integer.parseInt(line.substring(15).trim());
        }
      }
      char[] body = new char[length];
      int read = 0;
      while (read < length) {
        int n = in.read(body, read, length - read);
        if (n < 0) {
          break;
        }
        read += n;
      }
      return new String(body, 0, read);
    }

    @Override
    public void close() throws Exception {
      socket.close();
    }
  }
}
