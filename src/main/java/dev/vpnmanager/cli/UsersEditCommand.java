package dev.vpnmanager.cli;

import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.common.Expiry;
import dev.vpnmanager.common.Sizes;
import dev.vpnmanager.domain.ResetPolicy;
import dev.vpnmanager.user.UserEdit;
import dev.vpnmanager.user.UserRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** users edit NAME [--limit] [--expires] [--note] [--email] [--server] [--reset-strategy]: sets, never adds. */
@Command(name = "edit", mixinStandardHelpOptions = true,
    description = "Change a user's limit, expiry, note, email, server or quota reset.")
public final class UsersEditCommand implements Runnable {
  @ParentCommand UsersCli parent;
  @Parameters(paramLabel = "NAME") String name;
  @Option(names = "--limit", paramLabel = "SIZE", description = "new traffic limit: 50GB, 500MB, 0 = unlimited")
  String limit;
  @Option(names = "--expires", paramLabel = "WHEN", description = "30d, 12h, 2026-12-31, an ISO instant, or never")
  String expires;
  @Option(names = "--note", paramLabel = "TEXT", description = "new note (\"\" clears it)") String note;
  @Option(names = "--email", paramLabel = "E", description = "new email (\"\" clears it)") String email;
  @Option(names = "--server", paramLabel = "NAME",
      description = "move to this server of the same protocol (new credentials)") String server;
  @Option(names = "--reset-strategy", paramLabel = "STRATEGY",
      description = "daily, weekly[:DAY], monthly[:DAY] or never") String reset;

  @Override
  public void run() {
    UserEdit e = UserEdit.NONE;
    if (limit != null) {
      e = e.limit(Sizes.parse(limit));
    }
    if (expires != null) {
      e = e.expires(Expiry.parse(expires, parent.root.clock()).orElse(null));
    }
    if (reset != null) {
      e = e.reset(ResetPolicy.parse(reset));
    }
    e = e.note(note).email(email).server(server);
    UserRecord u = parent.root.app().users().edit(Actor.cli(), name, e);
    parent.root.out.println("edited " + u.username() + ": " + Output.summary(u, parent.root.app().dates()));
  }
}
