package dev.vpnmanager.backup;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.ClassKey;
import dagger.multibindings.IntoMap;
import dagger.multibindings.IntoSet;
import dev.vpnmanager.config.Settings;
import dev.vpnmanager.scheduling.DailyGate;
import dev.vpnmanager.scheduling.JobSpec;
import org.quartz.Job;

/** Backups: the daily job (the /backup chat command is bound by {@code BackupChatModule}). */
@Module
public interface BackupModule {
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
