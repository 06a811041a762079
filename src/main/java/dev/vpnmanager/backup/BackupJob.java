package dev.vpnmanager.backup;

import dev.vpnmanager.notify.Notifier;
import dev.vpnmanager.scheduling.DailyGate;
import java.nio.file.Path;
import javax.inject.Inject;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Ticks every few minutes; once a day after daily-at, backs the database up and sends it to the owner. */
@DisallowConcurrentExecution
public final class BackupJob implements Job {
  private static final Logger LOG = LoggerFactory.getLogger(BackupJob.class);
  private final DailyGate gate;
  private final BackupService backups;
  private final Notifier notifier;
  private final BackupSeal seal;

  @Inject
  public BackupJob(DailyGate gate, BackupService backups, Notifier notifier, BackupSeal seal) {
    this.gate = gate;
    this.backups = backups;
    this.notifier = notifier;
    this.seal = seal;
  }

  @Override
  public void execute(JobExecutionContext context) {
    gate.due("backup").ifPresent(day -> {
      Path file = backups.createDaily();
      gate.done("backup", day);
      try {
        BackupSeal.Outgoing out = seal.seal(file);
        notifier.documentToOwner(out.content(), out.fileName(), "Daily database backup " + day
            + (out.encrypted() ? " (OpenPGP-encrypted to backup.recipient)" : ""));
      } catch (RuntimeException e) {
        LOG.warn("backup {} made but not sent: {}", file, e.toString());
      }
    });
  }
}
