package dev.vpnmanager.backup;

import dev.vpnmanager.notify.Notifier;
import dev.vpnmanager.scheduling.DailyGate;
import dev.vpnmanager.storage.Tx;
import java.nio.file.Path;
import javax.inject.Inject;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * Ticks every few minutes; once a day after daily-at, backs the database up and stores the message that sends
 * it to the owner in the durable outbox, in one transaction with the day's mark: a crash before it commits makes
 * a new backup next tick, after it the stored message is sent (the file is read when it goes out).
 */
@DisallowConcurrentExecution
public final class BackupJob implements Job {
  private final DailyGate gate;
  private final BackupService backups;
  private final Notifier notifier;
  private final Tx tx;
  private final BackupSeal seal;

  @Inject
  public BackupJob(DailyGate gate, BackupService backups, Notifier notifier, Tx tx, BackupSeal seal) {
    this.gate = gate;
    this.backups = backups;
    this.notifier = notifier;
    this.tx = tx;
    this.seal = seal;
  }

  @Override
  public void execute(JobExecutionContext context) {
    gate.due("backup").ifPresent(day -> {
      Path file = backups.createDaily();
      // what leaves the machine is the sealed copy when backup.recipient is set (kept beside the backup, 0600,
      // until the outbox has sent it and retention deletes both)
      Path out = seal.sealToFile(file);
      String caption = "Daily database backup " + day
          + (out.equals(file) ? "" : " (OpenPGP-encrypted to backup.recipient)");
      tx.run(txn -> {
        gate.done(txn, "backup", day);
        notifier.documentToOwner(txn, "backup:" + out.getFileName(), out, caption);
      });
    });
  }
}
