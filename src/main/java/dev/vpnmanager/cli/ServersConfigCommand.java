package dev.vpnmanager.cli;

import dev.vpnmanager.protocol.ServerConfig;
import dev.vpnmanager.storage.DataDir;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** servers config NAME [--out FILE]: the server's config file as rendered from the database. */
@Command(name = "config", mixinStandardHelpOptions = true,
    description = "Print the server's config file as rendered from the database (it holds keys).")
final class ServersConfigCommand implements Runnable {
  @ParentCommand ServersCli parent;
  @Parameters(paramLabel = "NAME") String name;
  @Option(names = "--out", paramLabel = "FILE", description = "write here (mode 0600) instead of stdout")
  Path outFile;

  @Override
  public void run() {
    ServerConfig c = parent.root.app().serverService().render(name);
    if (outFile == null) {
      parent.root.out.print(c.content());
    } else {
      DataDir.writeSecret(outFile.toAbsolutePath(), c.content().getBytes(StandardCharsets.UTF_8));
      parent.root.err.println("wrote " + c.core() + " config of " + name + " to " + outFile);
    }
  }
}
