package dev.vpnmanager.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupCliTest {
  @TempDir Path dir;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int run(String... args) {
    out.reset();
    err.reset();
    return Main.run(args, Map.of("VPN_DATA_DIR", dir.resolve("data").toString(), "VPN_PUBLIC_HOST", "vpn.test"),
        new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void createAndRestoreFromTheCommandLine() throws Exception {
    assertEquals(0, run("users", "add", "alice", "--protocol", "vless"));
    Path file = dir.resolve("b.db");
    assertEquals(0, run("backup", "create", "--out", file.toString()), err.toString());
    assertEquals(0, run("users", "delete", "alice"));
    assertEquals(0, run("backup", "restore", file.toString()), err.toString());
    assertTrue(out.toString().contains("previous database is kept at"), out.toString());
    assertEquals(0, run("users", "show", "alice"), err.toString());

    assertEquals(2, run("backup", "create", "--out", file.toString()));
    assertTrue(err.toString().startsWith("error: ") && err.toString().contains("already exists"), err.toString());
    Path junk = Files.writeString(dir.resolve("junk.db"), "junk");
    assertEquals(2, run("backup", "restore", junk.toString()));
    assertEquals(1, err.toString().strip().lines().count(), err.toString());
    assertEquals(0, run("backup", "create"), err.toString());
    assertTrue(out.toString().contains("backups/vpn-manager-"), out.toString());
  }
}
