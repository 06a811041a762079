package dev.vpnmanager.server.live;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opens a TCP tunnel to a local port through an authenticating SOCKS5 or HTTP (CONNECT) proxy. */
final class Tunnels {
  private Tunnels() {}

  static Socket open(String protocol, int proxyPort, String user, String pass, int targetPort) throws IOException {
    return open(protocol, proxyPort, user, pass, "127.0.0.1", targetPort);
  }

  /** To {@code host} (an IPv4 literal or a name the proxy resolves) at {@code targetPort}. */
  static Socket open(String protocol, int proxyPort, String user, String pass, String host, int targetPort)
      throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", proxyPort), 3000);
    s.setSoTimeout(3000);
    if (protocol.equals("socks")) {
      socks(s, user, pass, host, targetPort);
    } else {
      connect(s, user, pass, host, targetPort);
    }
    return s;
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
