package dev.vpnmanager.server.live;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.protocol.Credentials;
import dev.vpnmanager.testing.Peers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another local account of the host (uid 65534, {@code nobody}, through {@code setpriv}) plays the attacker against
 * the management APIs of running servers: Xray's and v2ray's gRPC API (with Xray's own CLI, a real gRPC client) and
 * ss-manager's datagram API (a real datagram socket from the system's Python), at every address they could be on:
 * the server's apiPort on the host's loopback, and every socket under the data dir. None answers it, while the
 * manager (root here) still changes users live through the same API. The data dir's parent is opened (0755, like
 * /var/lib) so the manager's own layout is what stands in the way, not the test's temporary directory.
 */
class ApiAttackLiveTest {
  static final String NOBODY = "65534";
  @TempDir Path dir;
  LiveFixture f;

  @BeforeEach
  void needsRoot() throws IOException {
    String msg = "the attacker runs as another uid through setpriv: needs root";
    boolean root = "root".equals(System.getProperty("user.name"));
    if (!root && Peers.required()) {
      fail(msg);
    }
    assumeTrue(root, msg);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @AfterEach
  void tearDown() {
    if (f != null) {
      f.close();
    }
  }

  @Test
  void anotherLocalAccountCannotReachXraysApi() throws Exception {
    f = LiveFixture.xray(dir, Clock.systemUTC(), Map.of());
    grpcIsOutOfReach("socks");
  }

  @Test
  void anotherLocalAccountCannotReachV2raysApi() throws Exception {
    f = new LiveFixture(dir, Clock.systemUTC(), Map.of());
    grpcIsOutOfReach("http");
  }

  @Test
  void anotherLocalAccountCannotReachSsManager() throws Exception {
    Path python = Path.of("/usr/bin/python3");
    String msg = "the datagram attacker needs the system's /usr/bin/python3";
    if (!Files.isExecutable(python) && Peers.required()) {
      fail(msg);
    }
    assumeTrue(Files.isExecutable(python), msg);
    f = LiveFixture.shadowsocks(dir, Clock.systemUTC(), Map.of());
    String server = f.install("shadowsocks");
    f.user("alice", server, 0);
    String port = Credentials.fromJson(f.app.servers().require(server).getSettings()).get("apiPort");
    // one datagram "list" (every user's password) to the address; prints what came back within 2 s
    String attack = String.join("\n",
        "import socket, sys, os",
        "target = sys.argv[1]",
        "if target.startswith('/'):",
        "    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)",
        "    s.bind('\\0attacker-%d' % os.getpid())",
        "    s.settimeout(2); s.sendto(b'list', target)",
        "else:",
        "    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
        "    s.settimeout(2); s.sendto(b'list', ('127.0.0.1', int(target)))",
        "print(s.recv(65535).decode())");
    List<String> targets = new ArrayList<>(List.of(port));
    sockets().forEach(p -> targets.add(p.toString()));
    for (String target : targets) {
      Result r = asNobody(python.toString(), "-c", attack, target);
      assertFalse(r.out.contains("server_port"), "uid 65534 listed ss-manager's users at " + target + ": " + r.out);
    }
    // the manager itself still reaches it: a live add and a live remove, no restart
    f.user("bob", server, 0);
    f.app.users().suspend(Actor.cli(), "bob", "test");
    assertTrue(f.app.reconciler().reconcile().get(0).none(), "ss-manager serves what the database says");
  }

  private void grpcIsOutOfReach(String protocol) throws Exception {
    String server = f.install(protocol);
    f.user("alice", server, 0);
    Path xray = Peers.goPeer("xray");
    String port = Credentials.fromJson(f.app.servers().require(server).getSettings()).get("apiPort");
    List<String> targets = new ArrayList<>(List.of("127.0.0.1:" + port));
    sockets().forEach(p -> targets.add("unix://" + p));
    for (String target : targets) {
      // the Xray CLI speaks both prefixes' transport; an answer of any kind (even "unknown service") is a reach
      Result r = asNobody(xray.toString(), "api", "statsquery", "-s", target, "-t", "2");
      assertTrue(r.out.contains("failed to dial"), "uid 65534 reached the core's API at " + target + ": " + r.out);
    }
    f.user("bob", server, 0);
    f.app.users().suspend(Actor.cli(), "alice", "test");
    assertTrue(f.app.reconciler().reconcile().get(0).none(), "the core serves what the database says");
  }

  /** Every Unix socket the manager's data dir holds (found as root). */
  private List<Path> sockets() throws IOException {
    Path run = dir.resolve("data").resolve("run");
    if (!Files.isDirectory(run)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(run)) {
      return s.filter(ApiAttackLiveTest::isSocket).toList();
    }
  }

  private static boolean isSocket(Path p) {
    try {
      return ((Integer) Files.getAttribute(p, "unix:mode") & 0170000) == 0140000;
    } catch (IOException e) {
      return false;
    }
  }

  record Result(int code, String out) {}

  private static Result asNobody(String... cmd) throws Exception {
    List<String> full = new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY,
        "--clear-groups", "--"));
    full.addAll(List.of(cmd));
    Process p = new ProcessBuilder(full).redirectErrorStream(true).directory(Path.of("/").toFile()).start();
    if (!p.waitFor(20, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("the attacker hung: " + full);
    }
    return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}
