package dev.vpnmanager.backup;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.ClassKey;
import dagger.multibindings.IntoMap;
import dagger.multibindings.IntoSet;
import dagger.multibindings.StringKey;
import dev.vpnmanager.backup.chat.BackupCommand;
import dev.vpnmanager.chat.router.CommandHandler;
import dev.vpnmanager.config.Settings;
import dev.vpnmanager.scheduling.DailyGate;
import dev.vpnmanager.scheduling.JobSpec;
import org.quartz.Job;

/** Backups: the daily job and the /backup chat command. */
@Module
public interface BackupModule {
  @Binds
  @IntoMap
  @StringKey("backup")
  CommandHandler backupCommand(BackupCommand h);

  @Binds
  @IntoMap
  @ClassKey(BackupJob.class)
  Job backupJob(BackupJob job);

  @Provides
  @IntoSet
  static JobSpec backupSchedule(Settings settings) {
    BackupService.keep(settings);
    DailyGate.at(settings);
    return new JobSpec("backup", BackupJob.class, DailyGate.TICK);
  }
}
