package dev.vpnmanager.docker;

import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The TLS context handed to docker-java for an engine on a Unix socket, where no TLS is spoken. docker-java's
 * Apache transport builds a TLS strategy for every client, and without a context of ours it builds the JDK's default
 * one at once: the JSSE provider (~200 classes) and every CA certificate of the system's trust store parsed onto the
 * heap, for a connection that never uses them. This context is the JDK's default as well, but made only if something
 * ever asks it for a socket or an engine (nothing does over a Unix socket).
 */
final class UnusedTls {
  private UnusedTls() {}

  private static volatile SSLContext real;

  static SSLContext context() {
    return new SSLContext(new Deferred(), null, "Default") {};
  }

  /** Whether the JDK's default context has been made through one of these (for tests). */
  static boolean made() {
    return real != null;
  }

  private static SSLContext real() {
    SSLContext r = real;
    if (r == null) {
      try {
        r = SSLContext.getDefault();
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("no default TLS context in this JDK", e);
      }
      real = r;
    }
    return r;
  }

  private static final class Deferred extends SSLContextSpi {
    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) throws KeyManagementException {
      real().init(km, tm, sr);
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
      return real().getSocketFactory();
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
      return real().getServerSocketFactory();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
      return real().createSSLEngine();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
      return real().createSSLEngine(host, port);
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
      return real().getServerSessionContext();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
      return real().getClientSessionContext();
    }

    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
      return real().getDefaultSSLParameters();
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
      return real().getSupportedSSLParameters();
    }
  }
}
