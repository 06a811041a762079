package dev.vpnmanager.testing;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Unix socket in front of the real Docker engine's, for fault tests of a daemon pointed at it
 * ({@code VPN_DOCKER_HOST=unix://...}): {@link #cut} makes the engine unreachable to that daemon only (the socket
 * disappears and open connections drop: what a stopped dockerd looks like from the client, while the containers
 * go on running as under live-restore), {@link #restore} brings it back, and {@link #holdStarts} makes every
 * container start answer late (a slow container: the daemon waits while the container already runs). Bytes pass
 * unchanged; other test runs on the shared engine are not affected.
 */
public final class DockerSocketProxy implements AutoCloseable {
  private final Path target;
  private final Path socket;
  private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger starts = new AtomicInteger();
  private volatile Duration hold = Duration.ZERO;
  private volatile ServerSocketChannel server;

  public DockerSocketProxy(Path dir) throws IOException {
    this(Path.of("/var/run/docker.sock"), dir.resolve("docker-proxy.sock"));
  }

  public DockerSocketProxy(Path target, Path socket) throws IOException {
    this.target = target;
    this.socket = socket;
    restore();
  }

  /** The value for docker.host / VPN_DOCKER_HOST. */
  public String host() {
    return "unix://" + socket;
  }

  /** Container starts seen so far. */
  public int starts() {
    return starts.get();
  }

  /** From now on, the answer to each container start is held back this long. */
  public void holdStarts(Duration d) {
    hold = d;
  }

  /** The engine is gone for the daemon: no socket, every open connection dropped. */
  public synchronized void cut() throws IOException {
    ServerSocketChannel s = server;
    server = null;
    if (s != null) {
      s.close();
    }
    Files.deleteIfExists(socket);
    for (SocketChannel c : open) {
      closeQuietly(c);
    }
    open.clear();
  }

  /** The engine answers again. */
  public synchronized void restore() throws IOException {
    if (server != null) {
      return;
    }
    Files.deleteIfExists(socket);
    ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    s.bind(UnixDomainSocketAddress.of(socket));
    server = s;
    Thread t = new Thread(() -> accept(s), "docker-proxy-accept");
    t.setDaemon(true);
    t.start();
  }

  private void accept(ServerSocketChannel s) {
    while (s.isOpen()) {
      try {
        SocketChannel client = s.accept();
        SocketChannel engine = SocketChannel.open(UnixDomainSocketAddress.of(target));
        open.add(client);
        open.add(engine);
        AtomicBoolean startPending = new AtomicBoolean();
        pump(client, engine, startPending, true);
        pump(engine, client, startPending, false);
      } catch (IOException e) {
        return;
      }
    }
  }

  private void pump(SocketChannel from, SocketChannel to, AtomicBoolean startPending, boolean request) {
    Thread t = new Thread(() -> {
      ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
      try {
        while (from.read(buf) >= 0) {
          buf.flip();
          if (request && isStart(buf)) {
            starts.incrementAndGet();
            startPending.set(true);
          } else if (!request && startPending.getAndSet(false) && !hold.isZero()) {
            Thread.sleep(hold.toMillis());
          }
          while (buf.hasRemaining()) {
            to.write(buf);
          }
          buf.clear();
        }
      } catch (IOException | InterruptedException e) {
        // a side closed or the proxy was cut
      } finally {
        closeQuietly(from);
        closeQuietly(to);
        open.remove(from);
        open.remove(to);
      }
    }, request ? "docker-proxy-up" : "docker-proxy-down");
    t.setDaemon(true);
    t.start();
  }

  /** The first line of a request: POST /vX/containers/ID/start HTTP/1.1. */
  private static boolean isStart(ByteBuffer buf) {
    int n = Math.min(buf.remaining(), 256);
    String head = new String(buf.array(), buf.position(), n, StandardCharsets.ISO_8859_1);
    int eol = head.indexOf('\r');
    String line = eol < 0 ? head : head.substring(0, eol);
    return line.startsWith("POST ") && line.matches("POST \\S*/containers/[^/ ]+/start(\\?\\S*)? HTTP/1\\.1");
  }

  private static void closeQuietly(SocketChannel c) {
    try {
      c.close();
    } catch (IOException e) {
      // closed already
    }
  }

  @Override
  public void close() throws IOException {
    cut();
  }
}
