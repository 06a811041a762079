package dev.vpnmanager.cli;

import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.server.ServerRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** servers rotate-keys NAME: new server keys (Reality, WireGuard). */
@Command(name = "rotate-keys", mixinStandardHelpOptions = true,
    description = "New server keys (Reality, WireGuard); every user of the server needs their new config.")
final class ServersRotateKeysCommand implements Runnable {
  @ParentCommand ServersCli parent;
  @Parameters(paramLabel = "NAME") String name;

  @Override
  public void run() {
    ServerRow r = parent.root.app().serverService().rotateKeys(Actor.cli(), name);
    parent.root.out.println("new keys for server " + r.name() + ": send its " + r.users()
        + " user(s) their new config" + (r.deployed() ? "; restart the server to apply them" : ""));
  }
}
