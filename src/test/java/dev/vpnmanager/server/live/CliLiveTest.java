package dev.vpnmanager.server.live;

import static dev.vpnmanager.server.live.LiveFixture.HELLO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.vpnmanager.testing.Cli;
import dev.vpnmanager.testing.DockerPeer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end: servers install, users add/config, and suspend/resume applied live by the CLI. */
class CliLiveTest {
  @TempDir Path dir;
  LiveFixture f;
  Cli cli;

  @BeforeEach
  void setUp() throws Exception {
    f = LiveFixture.xray(dir, Clock.systemUTC(), Map.of());
    // the production default core (Xray) in the image laid out like the official one
    cli = new Cli(dir.resolve("cli")).env("VPN_IMAGES_SOCKS", DockerPeer.XRAY)
        .env("VPN_FIREWALL_SCRIPT", dir.resolve("firewall.sh").toString()).env("VPN_PUBLIC_HOST", "127.0.0.1");
  }

  @AfterEach
  void tearDown() {
    if (f != null) {
      f.close();
    }
  }

  private String ok(String... args) {
    Cli.Result r = cli.run(args);
    assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
    return r.out();
  }

  @Test
  void aUserSuspendedFromTheCommandLineIsCutOnTheRunningServer() throws Exception {
    String server = "socks-" + f.suffix;
    ok("servers", "install", "socks", "--name", server, "--port", Integer.toString(LiveFixture.freePort()));
    ok("users", "add", "alice", "--protocol", "socks", "--server", server);
    String link = ok("users", "config", "alice", "--format", "link").strip();
    assertEquals(HELLO, f.fetchLink(link, ""));

    ok("users", "suspend", "alice");
    assertNotEquals(HELLO, f.fetchLink(link, ""));
    ok("users", "resume", "alice");
    assertEquals(HELLO, f.fetchLink(link, ""));
    ok("servers", "remove", server);
  }
}
