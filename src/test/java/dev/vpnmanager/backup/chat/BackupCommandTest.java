package dev.vpnmanager.backup.chat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.app.AppComponent;
import dev.vpnmanager.chat.ChatUpdate;
import dev.vpnmanager.chat.Platform;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.testing.TestApp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupCommandTest {
  @TempDir Path dir;

  @Test
  void adminGetsTheDatabaseAsADocumentOthersAreRefused() throws Exception {
    AppComponent app = TestApp.create(dir, Clock.systemUTC(), Map.of("admins", "telegram:42"));
    Reply r = app.router().route(ChatUpdate.text(Platform.TELEGRAM, "42", "42", "/backup"));
    Reply.Document doc = (Reply.Document) r.parts().stream().filter(p -> p instanceof Reply.Document)
        .findFirst().orElseThrow(() -> new AssertionError(r.allText()));
    assertTrue(doc.fileName().matches("vpn-manager-\\d{8}-\\d{6}\\.db"), doc.fileName());
    assertArrayEquals("SQLite format 3\0".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(doc.content(), 16));
    assertTrue(Files.exists(dir.resolve("backups").resolve(doc.fileName())));

    Reply refused = app.router().route(ChatUpdate.text(Platform.TELEGRAM, "7", "7", "/backup"));
    assertFalse(refused.parts().stream().anyMatch(p -> p instanceof Reply.Document));
    try (var files = Files.list(dir.resolve("backups"))) {
      assertEquals(1, files.count(), "a refused caller made no backup");
    }
  }
}
