package dev.vpnmanager.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.testing.TestApp;
import dev.vpnmanager.user.NewUser;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long-running process (the daemon) that wrote once and then idles must not keep SQLite's write lock:
 * another process (here: a second connection to the same file) writes at once, without waiting.
 */
class IdleLockTest {
  @TempDir Path dir;

  @Test
  void anIdleWriterHoldsNoLock() {
    AppComponent daemon = TestApp.create(dir);
    daemon.users().add(Actor.cli(), NewUser.of("first", "vless"));
    daemon.userQueries().count();
    AppComponent cli = TestApp.create(dir);
    long t0 = System.nanoTime();
    cli.users().add(Actor.cli(), NewUser.of("second", "vless"));
    daemon.users().add(Actor.cli(), NewUser.of("third", "vless"));
    cli.users().suspend(Actor.cli(), "first", null);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(ms < 3_000, "writes waited " + ms + " ms for a lock nobody was using");
    assertEquals(3, daemon.userQueries().count());
    assertEquals("suspended", daemon.users().show("first").status());
    daemon.databaseHolder().closeIfOpen();
    cli.databaseHolder().closeIfOpen();
  }
}
