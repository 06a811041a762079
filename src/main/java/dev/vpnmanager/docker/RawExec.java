package dev.vpnmanager.docker;

import dev.vpnmanager.common.OperationFailedException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Starts a created exec over the engine's hijacked connection and feeds it stdin that ends: the request is upgraded
 * to a raw stream, stdin is written, then the connection's sending half is closed (TCP FIN, or TLS 1.3 close_notify),
 * which the engine passes on as end of file. docker-java's transport cannot close one half, so a command reading
 * stdin to its end would never finish; this is what lets {@code xray api adu stdin:} run in an image with no shell.
 */
final class RawExec {
  private RawExec() {}

  /** Runs exec {@code execId} with {@code stdin}; returns stdout and stderr as they arrived. */
  static FrameCollector.Texts start(String endpoint, SSLContext tls, String execId, byte[] stdin, Duration timeout)
      throws IOException {
    try (Conn conn = open(endpoint, tls, timeout)) {
      byte[] body = "{\"Detach\":false,\"Tty\":false}".getBytes(StandardCharsets.US_ASCII);
      String head = "POST /exec/" + execId + "/start HTTP/1.1\r\nHost: docker\r\nContent-Type: application/json\r\n"
          + "Connection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: " + body.length + "\r\n\r\n";
      OutputStream out = conn.out();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      InputStream in = new BufferedInputStream(conn.in());
      String status = readHead(in);
      if (!status.startsWith("HTTP/1.1 101") && !status.startsWith("HTTP/1.1 200")) {
        throw new OperationFailedException("exec start answered " + status);
      }
      out.write(stdin);
      out.flush();
      conn.closeOutput();
      return frames(in);
    }
  }

  /** The status line; the headers after it are skipped up to the empty line. */
  private static String readHead(InputStream in) throws IOException {
    String status = null;
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b; (b = in.read()) >= 0; ) {
      if (b == '\n') {
        String l = line.toString(StandardCharsets.US_ASCII).trim();
        line.reset();
        if (status == null) {
          status = l;
        } else if (l.isEmpty()) {
          return status;
        }
      } else {
        line.write(b);
      }
    }
    throw new IOException("the engine closed the exec connection before answering");
  }

  /** The multiplexed stream: an 8-byte header (stream type, 3 zero bytes, big-endian length) per frame. */
  private static FrameCollector.Texts frames(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    byte[] header = new byte[8];
    while (in.readNBytes(header, 0, 8) == 8) {
      int size = ((header[4] & 0xff) << 24) | ((header[5] & 0xff) << 16) | ((header[6] & 0xff) << 8)
          | (header[7] & 0xff);
      byte[] payload = in.readNBytes(size);
      (header[0] == 2 ? err : out).writeBytes(payload);
    }
    return new FrameCollector.Texts(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static Conn open(String endpoint, SSLContext tls, Duration timeout) throws IOException {
    URI uri = URI.create(endpoint);
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    if ("unix".equals(uri.getScheme())) {
      SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(uri.getPath()));
      return new Conn() {
        public InputStream in() {
          return Channels.newInputStream(ch);
        }

        public OutputStream out() {
          return Channels.newOutputStream(ch);
        }

        public void closeOutput() throws IOException {
          ch.shutdownOutput();
        }

        public void close() throws IOException {
          ch.close();
        }
      };
    }
    Socket raw = new Socket();
    raw.connect(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 2375 : uri.getPort()), 5000);
    raw.setSoTimeout(millis);
    Socket s = raw;
    if (tls != null) {
      SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(raw, uri.getHost(), uri.getPort(), true);
      // a half-close is a TLS 1.3 feature (in TLS 1.2 close_notify closes both ways)
      ssl.setEnabledProtocols(new String[] {"TLSv1.3"});
      var params = ssl.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS");
      ssl.setSSLParameters(params);
      ssl.startHandshake();
      s = ssl;
    }
    Socket sock = s;
    return new Conn() {
      public InputStream in() throws IOException {
        return sock.getInputStream();
      }

      public OutputStream out() throws IOException {
        return sock.getOutputStream();
      }

      public void closeOutput() throws IOException {
        sock.shutdownOutput();
      }

      public void close() throws IOException {
        sock.close();
      }
    };
  }

  private interface Conn extends AutoCloseable {
    InputStream in() throws IOException;

    OutputStream out() throws IOException;

    void closeOutput() throws IOException;

    @Override
    void close() throws IOException;
  }
}
