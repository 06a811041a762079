package dev.vpnmanager.cli;

import dev.vpnmanager.backup.BackupService;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** backup create [--out FILE] | backup restore FILE. Neither opens the database through the app graph. */
@Command(name = "backup", mixinStandardHelpOptions = true, description = "Back up or restore the database.",
    subcommands = {BackupCli.Create.class, BackupCli.Restore.class})
public final class BackupCli {
  @ParentCommand
  RootCommand root;

  BackupService service() {
    return new BackupService(root.settings(), root.clock());
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Make a consistent copy of the database, also while the daemon runs (mode 0600).")
  static final class Create implements Runnable {
    @ParentCommand BackupCli parent;
    @Option(names = "--out", paramLabel = "FILE", description = "where to write it (default: data-dir/backups)")
    Path out;

    @Override
    public void run() {
      BackupService s = parent.service();
      Path file = out == null ? s.createDaily() : s.create(out);
      parent.root.out.println("backup written to " + file);
    }
  }

  @Command(name = "restore", mixinStandardHelpOptions = true,
      description = "Replace the database with a backup (stop the daemon first); the current one is kept aside.")
  static final class Restore implements Runnable {
    @ParentCommand BackupCli parent;
    @Parameters(paramLabel = "FILE") Path file;

    @Override
    public void run() {
      Path aside = parent.service().restore(file);
      parent.root.out.println("restored " + file.toAbsolutePath()
          + (aside == null ? "" : "; the previous database is kept at " + aside));
    }
  }
}
