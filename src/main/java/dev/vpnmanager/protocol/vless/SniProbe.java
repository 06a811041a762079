package dev.vpnmanager.protocol.vless;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that a Reality dest answers (port 443 unless the dest names another). Where the network does not allow it (no route, no DNS, a
 * timeout) the check is skipped with a warning: the SNI's syntax was validated already, and an unreachable
 * dest only makes the server look odd to probes, it does not stop the definition.
 */
public class SniProbe {
  private static final Logger LOG = LoggerFactory.getLogger(SniProbe.class);
  private static final long TIMEOUT_MS = 2000;
  private final int port;

  @Inject
  public SniProbe() {
    this(443);
  }

  /** A probe of another port, for tests. */
  SniProbe(int port) {
    this.port = port;
  }

  /** True when host:443 accepted a TCP connection within two seconds; false (and a warning) otherwise. */
  public boolean check(String host) {
    return check(host, port);
  }

  /** As above for the dest's own port ({@code --dest HOST:PORT}). */
  public boolean check(String host, int port) {
    CompletableFuture<Boolean> f = CompletableFuture.supplyAsync(() -> connect(host, port));
    try {
      if (f.get(TIMEOUT_MS + 500, TimeUnit.MILLISECONDS)) {
        return true;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // reported below
    }
    LOG.warn("Reality dest {}:{} is not reachable from here; reachability check skipped", host, port);
    return false;
  }

  private static boolean connect(String host, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), (int) TIMEOUT_MS);
      return true;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }
}
