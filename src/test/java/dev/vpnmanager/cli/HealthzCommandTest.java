package dev.vpnmanager.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.testing.Cli;
import dev.vpnmanager.testing.TestApp;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** healthz asks the running daemon's /healthz: 0 while it answers, 1 in one line when nothing does. */
class HealthzCommandTest {
  @TempDir Path dir;

  @Test
  void aliveWhileTheDaemonAnswersAndOneClearLineWhenNot() {
    AppComponent app = TestApp.create(dir.resolve("daemon"));
    app.webServer().start();
    int port = URI.create(app.webServer().localUrl()).getPort();
    Cli cli = new Cli(dir.resolve("cli")).env("VPN_HTTP_LISTEN", "127.0.0.1:" + port);
    Cli.Result alive = cli.run("healthz");
    assertEquals(0, alive.code(), alive.err());
    assertEquals("alive", alive.out().strip());
    app.webServer().close();
    Cli.Result gone = cli.run("healthz");
    assertEquals(1, gone.code());
    assertEquals(1, gone.err().lines().count(), gone.err());
    assertTrue(gone.err().contains("no daemon answers at http://127.0.0.1:" + port + "/healthz"), gone.err());
  }
}
