package dev.vpnmanager.server.live;

import static org.junit.jupiter.api.Assertions.fail;

import dev.vpnmanager.protocol.Exec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A TLS 1.3 server on the host's loopback answering for {@link #SNI} with a fresh self-signed certificate (made by
 * the JDK's keytool): the dest a REALITY server borrows its handshake from in tests. It serves connections side by
 * side: Xray opens one of its own to the dest while it forwards another, and a one-at-a-time server (openssl
 * s_server) holds the second back for seconds.
 */
final class RealityDest implements AutoCloseable {
  static final String SNI = "reality.test.example";
  private final SSLServerSocket server;
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "reality-dest");
    t.setDaemon(true);
    return t;
  });

  private RealityDest(SSLServerSocket server) {
    this.server = server;
    pool.execute(this::acceptLoop);
  }

  static RealityDest start(Path dir) throws IOException {
    return start(dir, InetAddress.getLoopbackAddress());
  }

  /** Listening on {@code bind} (a remote node's servers reach the host at its veth address, not its loopback). */
  static RealityDest start(Path dir, InetAddress bind) throws IOException {
    Path store = dir.resolve("dest.p12");
    char[] pass = "reality-dest".toCharArray();
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Exec.Result made = Exec.run(null, keytool, "-genkeypair", "-alias", "dest", "-keyalg", "EC", "-groupname",
        "secp256r1", "-dname", "CN=" + SNI, "-ext", "san=dns:" + SNI, "-validity", "2", "-storetype", "PKCS12",
        "-keystore", store.toString(), "-storepass", new String(pass));
    if (made.exit() != 0) {
      fail("keytool: " + made.out());
    }
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = java.nio.file.Files.newInputStream(store)) {
        ks.load(in, pass);
      }
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, pass);
      SSLContext ctx = SSLContext.getInstance("TLSv1.3");
      ctx.init(kmf.getKeyManagers(), null, null);
      SSLServerSocket s = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 50, bind);
      s.setEnabledProtocols(new String[] {"TLSv1.3"});
      return new RealityDest(s);
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException("TLS 1.3 dest: " + e.getMessage(), e);
    }
  }

  /** HOST:PORT for {@code --dest} / {@code vless.dest}. */
  String address() {
    return server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket c = server.accept();
        pool.execute(() -> serve((SSLSocket) c));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private static void serve(SSLSocket c) {
    try (c) {
      c.setSoTimeout(10_000);
      c.startHandshake();
      InputStream in = c.getInputStream();
      // the request head, then one small page
      int last = 0;
      int matched = 0;
      for (int b = in.read(); b >= 0 && matched < 4; b = in.read()) {
        matched = (b == '\r' || b == '\n') && (last == '\r' || last == '\n' || matched > 0) ? matched + 1
            : (b == '\r' ? 1 : 0);
        last = b;
      }
      OutputStream out = c.getOutputStream();
      out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
      out.flush();
    } catch (IOException e) {
      // probes and cut connections end here
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // closing
    }
    pool.shutdownNow();
  }
}
