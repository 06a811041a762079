package dev.vpnmanager.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.DockerClient;
import dev.vpnmanager.testing.DockerPeer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/** The docker-java client as the daemon builds it, against the real engine. */
class DockerClientsTest {
  /**
   * An engine on a Unix socket speaks no TLS, so talking to it must not build the JDK's default TLS context (the
   * JSSE provider and the system's CA certificates parsed onto the heap: memory the daemon keeps for nothing).
   * Checked in a JVM of its own, whose class loading is listed: before, docker-java's transport built it for every
   * client.
   */
  @Test
  void anEngineOnAUnixSocketBuildsNoTlsContext() throws Exception {
    String endpoint = DockerPeer.runtime().endpoint();
    assumeTrue(endpoint.startsWith("unix://"), "the engine is not on a Unix socket here: " + endpoint);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xlog:class+load=info", "-cp", System.getProperty("java.class.path"),
        Ping.class.getName(), endpoint).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("engine answered"), out);
    List<String> tls = out.lines().filter(l -> l.contains("sun.security.ssl.SSLContextImpl$DefaultSSLContext")
        || l.contains("sun.security.ssl.TrustStoreManager ")).toList();
    assertEquals(List.of(), tls, "the JDK's default TLS context was built for a Unix socket");
  }

  /** What the daemon gets instead is the JDK's default context all the same, made if something ever uses it. */
  @Test
  void theUnusedContextIsTheDefaultOnceUsed() throws Exception {
    SSLContext unused = UnusedTls.context();
    assertSame(SSLContext.getDefault().getClientSessionContext(), unused.getClientSessionContext());
    assertTrue(UnusedTls.made());
    assertEquals(SSLContext.getDefault().getSocketFactory().getClass(), unused.getSocketFactory().getClass());
    assertEquals(SSLContext.getDefault().getDefaultSSLParameters().getProtocols().length,
        unused.getDefaultSSLParameters().getProtocols().length);
  }

  /** Pings the engine at args[0] with the daemon's client. */
  public static final class Ping {
    public static void main(String[] args) throws Exception {
      try (DockerClient client = DockerClients.connect(args[0])) {
        client.pingCmd().exec();
        client.versionCmd().exec();
        System.out.println("engine answered");
      }
    }
  }
}
