package dev.vpnmanager.server.v2ray;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Asks a running proxy whether it accepts an account, with the protocol's own handshake and nothing more: SOCKS5
 * username/password sub-negotiation, or an HTTP CONNECT carrying Proxy-Authorization (407 = refused).
 */
final class ProxyProbe {
  private static final int TIMEOUT_MS = 2_000;

  private ProxyProbe() {}

  static boolean accepts(String protocol, String host, int port, String user, String pass) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
      s.setSoTimeout(TIMEOUT_MS);
      return protocol.equals("socks") ? socks(s, user, pass) : http(s, user, pass);
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean socks(Socket s, String user, String pass) throws IOException {
    OutputStream out = s.getOutputStream();
    DataInputStream in = new DataInputStream(s.getInputStream());
    out.write(new byte[] {5, 1, 2});
    out.flush();
    byte[] method = new byte[2];
    in.readFully(method);
    if (method[1] != 2) {
      return false;
    }
    byte[] u = user.getBytes(StandardCharsets.UTF_8);
    byte[] p = pass.getBytes(StandardCharsets.UTF_8);
    out.write(1);
    out.write(u.length);
    out.write(u);
    out.write(p.length);
    out.write(p);
    out.flush();
    byte[] status = new byte[2];
    in.readFully(status);
    return status[1] == 0;
  }

  private static boolean http(Socket s, String user, String pass) throws IOException {
    String auth = Base64.getEncoder().encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8));
    s.getOutputStream().write(("CONNECT 127.0.0.1:9 HTTP/1.1\r\nHost: 127.0.0.1:9\r\nProxy-Authorization: Basic "
        + auth + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    s.getOutputStream().flush();
    InputStream in = s.getInputStream();
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
      line.append((char) c);
    }
    return line.toString().startsWith("HTTP/") && !line.toString().contains(" 407");
  }
}
