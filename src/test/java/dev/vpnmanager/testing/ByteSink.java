package dev.vpnmanager.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP listener on a given address that reads every connection to its end and counts the bytes: the far end of
 * traffic pushed through a VPN server, so a test can compare what arrived with what the manager counted.
 */
public final class ByteSink implements AutoCloseable {
  public final String host;
  public final int port;
  public final AtomicLong received = new AtomicLong();
  private final ServerSocket server;

  public ByteSink(String host) throws IOException {
    this.host = host;
    this.server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
    this.port = server.getLocalPort();
    Thread t = new Thread(this::accept, "sink");
    t.setDaemon(true);
    t.start();
  }

  private void accept() {
    while (!server.isClosed()) {
      Socket s;
      try {
        s = server.accept();
      } catch (IOException e) {
        return;
      }
      Thread r = new Thread(() -> drain(s), "sink-reader");
      r.setDaemon(true);
      r.start();
    }
  }

  private void drain(Socket s) {
    try (s) {
      byte[] buf = new byte[64 * 1024];
      int n;
      while ((n = s.getInputStream().read(buf)) >= 0) {
        received.addAndGet(n);
      }
    } catch (IOException e) {
      // the pusher closed or reset: what arrived is counted
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
