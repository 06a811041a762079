package dev.vpnmanager.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.testing.Cli;
import dev.vpnmanager.testing.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One serve per SQLite file: a second one stops at once with one line; other commands still work. */
class ServeLockTest {
  @TempDir Path dir;

  @Test
  void aSecondServeOnTheSameSqliteFileIsRefusedWithOneLine() throws Exception {
    Process first = ChildJvm.builder(dir, "serve").start();
    try {
      BufferedReader err = new BufferedReader(new InputStreamReader(first.getErrorStream(), StandardCharsets.UTF_8));
      for (String line = err.readLine(); !line.startsWith("vpn-manager serving"); line = err.readLine()) {
        assertTrue(first.isAlive(), line);
      }
      Path db = dir.resolve("vpn-manager.db");
      long size = Files.size(db);

      Cli.Result second = ChildJvm.run(dir, "", "serve");
      assertEquals(1, second.code(), second.err());
      assertEquals(1, second.err().strip().lines().count(), second.err());
      assertTrue(second.err().startsWith("error: another vpn-manager serve is running on " + db), second.err());
      assertTrue(second.err().contains("PostgreSQL"), second.err());
      assertFalse(second.err().contains("Exception"), second.err());
      assertEquals(size, Files.size(db));

      Cli.Result list = ChildJvm.run(dir, "", "users", "list");
      assertEquals(0, list.code(), "CLI commands work next to serve: " + list.err());
    } finally {
      first.destroyForcibly();
      first.waitFor(30, TimeUnit.SECONDS);
    }
    // the OS dropped the dead holder's lock: serve starts again
    Process again = ChildJvm.builder(dir, "serve").start();
    try {
      BufferedReader err = new BufferedReader(new InputStreamReader(again.getErrorStream(), StandardCharsets.UTF_8));
      String line = err.readLine();
      while (line != null && !line.startsWith("vpn-manager serving")) {
        line = err.readLine();
      }
      assertTrue(line != null, "serve did not start after the holder died");
    } finally {
      again.destroy();
      again.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
