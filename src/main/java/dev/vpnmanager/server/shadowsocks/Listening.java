package dev.vpnmanager.server.shadowsocks;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Map;

/** Waits until newly started ss-server processes accept connections (they bind a moment after ss-manager's ok). */
final class Listening {
  private static final long WAIT_NANOS = 3_000_000_000L;

  private Listening() {}

  /** Users whose port does not listen in time move from {@code applied} to {@code failed}. */
  static void await(String listen, Map<String, Integer> started, List<String> applied, Map<String, String> failed) {
    String host = listen.equals("0.0.0.0") || listen.equals("::") || listen.isBlank() ? "127.0.0.1" : listen;
    long deadline = System.nanoTime() + WAIT_NANOS;
    for (Map.Entry<String, Integer> e : started.entrySet()) {
      while (!accepts(host, e.getValue())) {
        if (System.nanoTime() > deadline) {
          applied.remove(e.getKey());
          failed.put(e.getKey(), "ss-server did not start listening on port " + e.getValue());
          break;
        }
        sleep();
      }
    }
  }

  private static boolean accepts(String host, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
