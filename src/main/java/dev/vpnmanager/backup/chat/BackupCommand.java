package dev.vpnmanager.backup.chat;

import dev.vpnmanager.backup.BackupService;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.chat.router.CommandContext;
import dev.vpnmanager.chat.router.CommandHandler;
import dev.vpnmanager.chat.router.CommandSpec;
import dev.vpnmanager.chat.router.Role;
import dev.vpnmanager.common.OperationFailedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.inject.Inject;

/** /backup: a fresh database backup (kept with the daily ones) sent here as a file. */
public final class BackupCommand implements CommandHandler {
  private final BackupService backups;

  @Inject
  public BackupCommand(BackupService backups) {
    this.backups = backups;
  }

  @Override
  public CommandSpec spec() {
    return new CommandSpec("backup", Role.ADMIN, "send a database backup here");
  }

  @Override
  public Reply handle(CommandContext ctx) {
    Path file = backups.createDaily();
    try {
      byte[] content = Files.readAllBytes(file);
      return new Reply(List.of(new Reply.Document(content, file.getFileName().toString(),
          "Database backup, " + content.length / 1024 + " KiB. Restore with: vpn-manager backup restore FILE"))).asSecret();
    } catch (IOException e) {
      throw new OperationFailedException("backup made at " + file + " but cannot be read: " + e.getMessage(), e);
    }
  }
}
