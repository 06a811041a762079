package dev.vpnmanager.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.enforce.JobsFixture;
import dev.vpnmanager.notify.RecordingTransport;
import dev.vpnmanager.scheduling.DailyGate;
import dev.vpnmanager.storage.StateStore;
import dev.vpnmanager.storage.Tx;
import dev.vpnmanager.testing.FakeClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupJobTest {
  @TempDir Path dir;
  FakeClock clock = FakeClock.at("2026-10-01T02:00:00Z");

  @Test
  void dailyBackupGoesToTheOwnerAsADocumentOnceADay() throws Exception {
    JobsFixture f = new JobsFixture(dir, clock);
    RecordingTransport tg = f.telegram;
    Tx tx = new Tx(f.app.database());
    BackupJob job = new BackupJob(new DailyGate(new StateStore(tx), clock, f.app.settings()),
        new BackupService(f.app.settings(), clock), f.notifier, tx,
        new BackupSeal(f.app.settings(), new java.security.SecureRandom()));
    job.execute(null);
    assertEquals(0, f.sent().size(), "not before 03:00");
    clock.advance(Duration.ofHours(1));
    job.execute(null);
    job.execute(null);
    assertEquals(1, f.sent().size());
    RecordingTransport.Sent sent = tg.sent.get(0);
    assertTrue(sent.toPerson() && sent.to().equals("42"), "the owner is the first admin: " + sent);
    Reply.Document doc = (Reply.Document) sent.reply().parts().get(0);
    assertTrue(doc.fileName().startsWith("vpn-manager-20261001-"), doc.fileName());
    try (var files = Files.list(dir.resolve("backups"))) {
      assertEquals(1, files.count());
    }
    clock.advance(Duration.ofDays(1));
    job.execute(null);
    assertEquals(2, f.sent().size());
  }
}
