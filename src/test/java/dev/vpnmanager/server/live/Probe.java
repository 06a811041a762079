package dev.vpnmanager.server.live;

import dev.vpnmanager.testing.Tunnels;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * What an attacker inside a tunnel tries: a TCP listener of the test's own on the host's loopback that greets
 * every caller, and "did anything answer" over a tunnelled socket (a greeting, or a gRPC server's HTTP/2 SETTINGS
 * after the client preface). A blocked destination answers nothing: the core's blackhole closes the tunnel.
 */
final class Probe {
  static final byte[] H2_PREFACE = concat("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
      new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0});

  private Probe() {}

  /** A loopback listener that writes "secret" to whoever connects; closed with the returned socket. */
  static ServerSocket greeter() throws IOException {
    ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t = new Thread(() -> {
      while (!s.isClosed()) {
        try (Socket c = s.accept()) {
          c.getOutputStream().write("secret\n".getBytes(StandardCharsets.US_ASCII));
          c.getOutputStream().flush();
        } catch (IOException closed) {
          // the test is over, or the caller left
        }
      }
    }, "greeter");
    t.setDaemon(true);
    t.start();
    return s;
  }

  /** True when, after sending {@code send}, at least one byte comes back over the tunnel within 2 s. */
  static boolean answers(Socket tunnel, byte[] send) {
    try (Socket s = tunnel) {
      s.setSoTimeout(2000);
      if (send.length > 0) {
        s.getOutputStream().write(send);
        s.getOutputStream().flush();
      }
      InputStream in = s.getInputStream();
      return in.read() >= 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** Through a local SOCKS5 port without authentication (a v2ray client, ss-local); the name is resolved there. */
  static boolean answersViaSocks(int socksPort, String host, int port, byte[] send) {
    Socket s = new Socket(new Proxy(Proxy.Type.SOCKS, new InetSocketAddress("127.0.0.1", socksPort)));
    try {
      s.connect(InetSocketAddress.createUnresolved(host, port), 3000);
    } catch (IOException refused) {
      return false;
    }
    return answers(s, send);
  }

  /** Through an authenticating HTTP or SOCKS5 proxy server (the user's own proxy account). */
  static boolean answersViaProxy(String protocol, int proxyPort, String user, String pass, String host, int port,
                                 byte[] send) {
    Socket s;
    try {
      s = Tunnels.open(protocol, proxyPort, user, pass, host, port);
    } catch (IOException refused) {
      return false;
    }
    return answers(s, send);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
