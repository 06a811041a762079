package dev.vpnmanager.backup.chat;

import dev.vpnmanager.backup.BackupSeal;
import dev.vpnmanager.backup.BackupService;
import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.chat.i18n.Messages;
import dev.vpnmanager.chat.router.CommandContext;
import dev.vpnmanager.chat.router.CommandHandler;
import dev.vpnmanager.chat.router.CommandSpec;
import dev.vpnmanager.chat.router.Role;
import java.nio.file.Path;
import java.util.List;
import javax.inject.Inject;

/** /backup: a fresh database backup (kept with the daily ones) sent here as a file. */
public final class BackupCommand implements CommandHandler {
  private static final Messages TEXTS = new Messages("backup");
  private final BackupService backups;
  private final BackupSeal seal;

  @Inject
  public BackupCommand(BackupService backups, BackupSeal seal) {
    this.backups = backups;
    this.seal = seal;
  }

  @Override
  public CommandSpec spec() {
    return new CommandSpec("backup", Role.ADMIN, "send a database backup here");
  }

  @Override
  public Reply handle(CommandContext ctx) {
    Path file = backups.createDaily();
    BackupSeal.Outgoing out = seal.seal(file);
    return new Reply(List.of(new Reply.Document(out.content(), out.fileName(), TEXTS.get(ctx.update().language(),
        out.encrypted() ? "backup.captionSealed" : "backup.caption", out.content().length / 1024)))).asSecret();
  }
}
