package dev.vpnmanager.cli;

import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.server.runtime.KeyRotation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** servers rotate-keys NAME: new server keys (Reality, WireGuard), applied, and sent to the bound users. */
@Command(name = "rotate-keys", mixinStandardHelpOptions = true,
    description = "New server keys (Reality, WireGuard): a deployed server is restarted with them, and every user "
        + "of the server with a bound chat gets the new config there.")
final class ServersRotateKeysCommand implements Runnable {
  @ParentCommand ServersCli parent;
  @Parameters(paramLabel = "NAME") String name;

  @Override
  public void run() {
    KeyRotation.Result r = parent.root.app().keyRotation().rotate(Actor.cli(), name);
    String applied = r.restarted() ? "; restarted it with them"
        : r.restartError() != null ? "; the restart failed (" + r.restartError() + "): run servers restart " + name
        : "; it is not deployed, its next start uses them";
    parent.root.out.println("new keys for server " + r.server().name() + applied + "; its " + r.server().users()
        + " user(s) need their new config: those with a bound chat get it there");
    if (r.restartError() != null) {
      throw new dev.vpnmanager.common.OperationFailedException("server " + name + " has new keys but did not restart");
    }
  }
}
