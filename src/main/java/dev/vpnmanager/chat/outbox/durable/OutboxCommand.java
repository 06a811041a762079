package dev.vpnmanager.chat.outbox.durable;

import dev.vpnmanager.chat.Reply;
import dev.vpnmanager.chat.i18n.Dates;
import dev.vpnmanager.chat.router.CommandContext;
import dev.vpnmanager.chat.router.CommandHandler;
import dev.vpnmanager.chat.router.CommandSpec;
import dev.vpnmanager.chat.router.Role;
import javax.inject.Inject;

/** /outbox: what waits to be sent, and the dead letters with the reason each was refused. */
public final class OutboxCommand implements CommandHandler {
  private final OutboxStore store;
  private final Dates dates;

  @Inject
  public OutboxCommand(OutboxStore store, Dates dates) {
    this.store = store;
    this.dates = dates;
  }

  @Override
  public CommandSpec spec() {
    return new CommandSpec("outbox", Role.ADMIN, "alerts, backups and broadcasts waiting or not delivered");
  }

  @Override
  public Reply handle(CommandContext ctx) {
    return Reply.text(OutboxReport.of(store, dates, ctx.update().language()));
  }
}
