package dev.vpnmanager.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.config.Settings;
import dev.vpnmanager.testing.Peers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backup that leaves the machine is encrypted to backup.recipient, and real gpg decrypts it to the file. */
class BackupSealTest {
  @TempDir Path dir;

  private static void run(Path gnupgHome, List<String> cmd) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("GNUPGHOME", gnupgHome.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "gpg hung");
    assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
  }

  @Test
  void encryptedToTheRecipientAndGpgDecryptsItToTheSameBytes() throws Exception {
    Path gpg = Peers.binary("gpg", "gnupg");
    Path home = Files.createDirectories(dir.resolve("gnupg"));
    Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    run(home, List.of(gpg.toString(), "--batch", "--pinentry-mode", "loopback", "--passphrase", "",
        "--quick-generate-key", "backup@vpn.test", "default", "default", "never"));
    Path pub = dir.resolve("recipient.asc");
    run(home, List.of(gpg.toString(), "--batch", "--armor", "--output", pub.toString(), "--export",
        "backup@vpn.test"));
    Path backup = dir.resolve("vpn-manager-2026-11-29.db");
    byte[] content = new byte[300_000];
    new SecureRandom().nextBytes(content);
    Files.write(backup, content);

    BackupSeal seal = new BackupSeal(Settings.of(Map.of("backup.recipient", pub.toString())), new SecureRandom());
    BackupSeal.Outgoing out = seal.seal(backup);
    assertTrue(out.encrypted());
    assertEquals("vpn-manager-2026-11-29.db.gpg", out.fileName());
    assertFalse(new String(out.content(), java.nio.charset.StandardCharsets.ISO_8859_1).contains("SQLite"));
    Path sealed = dir.resolve(out.fileName());
    Files.write(sealed, out.content());
    Path opened = dir.resolve("opened.db");
    run(home, List.of(gpg.toString(), "--batch", "--pinentry-mode", "loopback", "--passphrase", "", "--output",
        opened.toString(), "--decrypt", sealed.toString()));
    assertArrayEquals(content, Files.readAllBytes(opened));

    // the daily job's way: encrypted from file to file, beside the backup, owner-only
    Path file = seal.sealToFile(backup);
    assertEquals(dir.resolve("vpn-manager-2026-11-29.db.gpg"), file);
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(file)));
    Path opened2 = dir.resolve("opened2.db");
    run(home, List.of(gpg.toString(), "--batch", "--pinentry-mode", "loopback", "--passphrase", "", "--output",
        opened2.toString(), "--decrypt", file.toString()));
    assertArrayEquals(content, Files.readAllBytes(opened2));
  }

  @Test
  void withoutARecipientTheBackupLeavesAsItIsAndABadKeyFileIsOneClearError() throws Exception {
    Path backup = Files.writeString(dir.resolve("b.db"), "SQLite format 3");
    BackupSeal.Outgoing out = new BackupSeal(Settings.of(Map.of()), new SecureRandom()).seal(backup);
    assertFalse(out.encrypted());
    assertEquals("b.db", out.fileName());
    assertEquals(backup, new BackupSeal(Settings.of(Map.of()), new SecureRandom()).sealToFile(backup));
    Path junk = Files.writeString(dir.resolve("junk.asc"), "not a key");
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> new BackupSeal(Settings.of(Map.of("backup.recipient", junk.toString())), new SecureRandom()));
    assertTrue(e.getMessage().startsWith("backup.recipient: "), e.getMessage());
  }
}
