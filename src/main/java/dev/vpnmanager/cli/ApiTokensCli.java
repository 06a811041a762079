package dev.vpnmanager.cli;

import dev.vpnmanager.api.ApiTokens;
import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.storage.DataDir;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** api-tokens create NAME [--read-only] [--out FILE] | list | revoke NAME: bearer tokens of the admin API. */
@Command(name = "api-tokens", mixinStandardHelpOptions = true, description = "Bearer tokens of the admin API.",
    subcommands = {ApiTokensCli.Create.class, ApiTokensCli.ListTokens.class, ApiTokensCli.Revoke.class})
public final class ApiTokensCli {
  @ParentCommand RootCommand root;

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Make a token; it is shown once (only its hash is stored).")
  static final class Create implements Runnable {
    @ParentCommand ApiTokensCli parent;
    @Parameters(paramLabel = "NAME") String name;
    @Option(names = "--read-only", description = "may only read (GET)") boolean readOnly;
    @Option(names = "--out", paramLabel = "FILE", description = "write the token here (mode 0600) instead of stdout")
    Path outFile;

    @Override
    public void run() {
      String token = parent.root.app().apiTokens().create(Actor.cli(), name, readOnly);
      if (outFile == null) {
        parent.root.out.println(token);
      } else {
        DataDir.writeSecret(outFile.toAbsolutePath(), (token + "\n").getBytes(StandardCharsets.UTF_8));
      }
      parent.root.err.println("API token " + name + (readOnly ? " (read-only)" : "") + " created"
          + (outFile == null ? "" : " in " + outFile) + "; it is not shown again. Use: Authorization: Bearer <token>");
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List tokens (names, never the tokens).")
  static final class ListTokens implements Runnable {
    @ParentCommand ApiTokensCli parent;

    @Override
    public void run() {
      String fmt = "%-32s  %-10s  %-24s  %s%n";
      parent.root.out.printf(fmt, "NAME", "ACCESS", "CREATED", "LAST USED");
      for (ApiTokens.Row r : parent.root.app().apiTokens().list()) {
        parent.root.out.printf(fmt, r.name(), r.readOnly() ? "read-only" : "read-write", r.createdAt(),
            r.lastUsedAt() == null ? "never" : r.lastUsedAt());
      }
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a token at once.")
  static final class Revoke implements Runnable {
    @ParentCommand ApiTokensCli parent;
    @Parameters(paramLabel = "NAME") String name;

    @Override
    public void run() {
      parent.root.app().apiTokens().revoke(Actor.cli(), name);
      parent.root.out.println("revoked " + name);
    }
  }
}
