package dev.vpnmanager.testing;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opens a TCP tunnel through an authenticating SOCKS5 (RFC 1928/1929) or HTTP (CONNECT) proxy listening on this
 * host: the one client handshake the live tests and the soak harness share.
 */
public final class Tunnels {
  private Tunnels() {}

  /** To a local port. */
  public static Socket open(String protocol, int proxyPort, String user, String pass, int targetPort)
      throws IOException {
    return open(protocol, proxyPort, user, pass, "127.0.0.1", targetPort);
  }

  /** To {@code host} (an IPv4 literal or a name the proxy resolves) at {@code targetPort}. */
  public static Socket open(String protocol, int proxyPort, String user, String pass, String host,
                            int targetPort) throws IOException {
    return open(protocol, proxyPort, user, pass, host, targetPort, 3000);
  }

  /**
   * As above, with {@code timeoutMillis} for the connect and as the socket's read timeout. {@code protocol}:
   * {@code socks}, else HTTP CONNECT. The socket is closed when the handshake fails.
   */
  public static Socket open(String protocol, int proxyPort, String user, String pass, String host, int targetPort,
                            int timeoutMillis) throws IOException {
    Socket s = new Socket();
    try {
      s.connect(new InetSocketAddress("127.0.0.1", proxyPort), timeoutMillis);
      s.setSoTimeout(timeoutMillis);
      if (protocol.equals("socks")) {
        socks(s, user, pass, host, targetPort);
      } else {
        connect(s, user, pass, host, targetPort);
      }
      return s;
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  private static void socks(Socket s, String user, String pass, String host, int port) throws IOException {
    OutputStream out = s.getOutputStream();
    DataInputStream in = new DataInputStream(s.getInputStream());
    out.write(new byte[] {5, 1, 2});
    in.readFully(new byte[2]);
    byte[] u = user.getBytes(StandardCharsets.UTF_8);
    byte[] p = pass.getBytes(StandardCharsets.UTF_8);
    out.write(1);
    out.write(u.length);
    out.write(u);
    out.write(p.length);
    out.write(p);
    byte[] auth = new byte[2];
    in.readFully(auth);
    if (auth[1] != 0) {
      throw new IOException("socks auth refused");
    }
    byte[] name = host.getBytes(StandardCharsets.US_ASCII);
    out.write(new byte[] {5, 1, 0, 3, (byte) name.length});
    out.write(name);
    out.write(new byte[] {(byte) (port >> 8), (byte) port});
    byte[] reply = new byte[10];
    in.readFully(reply);
    if (reply[1] != 0) {
      throw new IOException("socks connect refused: " + reply[1]);
    }
  }

  private static void connect(Socket s, String user, String pass, String host, int port) throws IOException {
    String auth = Base64.getEncoder().encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8));
    s.getOutputStream().write(("CONNECT " + host + ":" + port + " HTTP/1.1\r\nHost: " + host + ":" + port
        + "\r\nProxy-Authorization: Basic " + auth + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    InputStream in = s.getInputStream();
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("proxy closed: " + head);
      }
      head.append((char) c);
    }
    if (!head.toString().startsWith("HTTP/1.1 200") && !head.toString().startsWith("HTTP/1.0 200")) {
      throw new IOException("CONNECT refused: " + head);
    }
  }
}
