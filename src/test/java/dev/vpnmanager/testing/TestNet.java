package dev.vpnmanager.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An address of the tests' own outside every range the servers block: a network namespace with a veth pair, the
 * host's end at 198.18.N.1/30 (the benchmark range, RFC 2544, not private). A server on that address is "a normal
 * page": a server container on the host's network, and a WireGuard server through its NAT, reach it like any
 * public host, while 127.0.0.1 and the Docker bridge are blocked by design. Made once per JVM (root only), removed
 * when the JVM exits.
 */
public final class TestNet {
  private static String address;

  private TestNet() {}

  /** The host-side address; skips (or fails, under CI) when it cannot be made (not root, no iproute2). */
  public static synchronized String address() {
    if (address != null) {
      return address;
    }
    SecureRandom r = new SecureRandom();
    for (int tries = 0; tries < 20; tries++) {
      int n = 1 + r.nextInt(250);
      String host = "198.18." + n + ".1";
      if (run("sh", "-c", "ip -o -4 addr show | grep -qF \" 198.18.$0.\"", Integer.toString(n)) == 0) {
        continue; // someone else's
      }
      String ns = "vpnm-t" + n + "-" + Long.toHexString(ProcessHandle.current().pid());
      String hostEnd = "vpnmh" + n + "x" + (ProcessHandle.current().pid() % 10000);
      String nsEnd = "vpnmn" + n + "x" + (ProcessHandle.current().pid() % 10000);
      boolean ok = run("ip", "netns", "add", ns) == 0
          && run("ip", "link", "add", hostEnd, "type", "veth", "peer", "name", nsEnd) == 0
          && run("ip", "link", "set", nsEnd, "netns", ns) == 0
          && run("ip", "addr", "add", host + "/30", "dev", hostEnd) == 0
          && run("ip", "link", "set", hostEnd, "up") == 0
          && run("ip", "-n", ns, "addr", "add", "198.18." + n + ".2/30", "dev", nsEnd) == 0
          && run("ip", "-n", ns, "link", "set", nsEnd, "up") == 0
          && run("ip", "-n", ns, "link", "set", "lo", "up") == 0;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        run("ip", "link", "del", hostEnd);
        run("ip", "netns", "del", ns);
      }));
      if (!ok) {
        missing("cannot make a test network namespace with a veth pair (needs root and iproute2)");
      }
      address = host;
      return address;
    }
    missing("no free 198.18.N.0/30 for a test network");
    return null;
  }

  private static int run(String... command) {
    try {
      Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return -1;
      }
      return p.exitValue();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static void missing(String msg) {
    if (Peers.required()) {
      fail(msg);
    }
    assumeTrue(false, msg);
  }
}
