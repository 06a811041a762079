package dev.vpnmanager.cli;

import dev.vpnmanager.audit.Actor;
import dev.vpnmanager.common.Expiry;
import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.common.Sizes;
import dev.vpnmanager.domain.ResetPolicy;
import dev.vpnmanager.domain.UserStatus;
import dev.vpnmanager.storage.DataDir;
import dev.vpnmanager.user.NewUser;
import dev.vpnmanager.user.UserFiles;
import dev.vpnmanager.user.UserRecord;
import dev.vpnmanager.user.UserTransfer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** users add|list|show|suspend|resume|delete|reset-traffic|renew|rotate|export|import. */
@Command(name = "users", mixinStandardHelpOptions = true, description = "Manage VPN users.",
    subcommands = {UsersCli.Add.class, UsersCli.ListUsers.class, UsersCli.Show.class, UsersCli.Suspend.class,
        UsersCli.Resume.class, UsersCli.Delete.class, UsersCli.ResetTraffic.class, UsersCli.Renew.class,
        UsersCli.Rotate.class, UsersCli.SubRotate.class, UsersCli.Export.class, UsersCli.Import.class,
        UsersConfigCommand.class, UsersEditCommand.class, UsersUsageCommand.class})
public final class UsersCli {
  @ParentCommand
  RootCommand root;

  static final long MAX_FILE = 256L * 1024 * 1024;

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Create a user.")
  static final class Add implements Runnable {
    @ParentCommand UsersCli parent;
    @Parameters(paramLabel = "NAME") String name;
    @Option(names = "--protocol", description = "vless, shadowsocks, wireguard, http or socks (or --plan)")
    String protocol;
    @Option(names = "--plan", description = "take protocol, limit, days and reset from this plan "
        + "(--limit, --expires, --reset-strategy given here win)") String plan;
    @Option(names = "--server", description = "server name (default: the protocol's first server)") String server;
    @Option(names = "--limit", description = "traffic limit: 50GB, 500MB, 10GiB, 0 = unlimited") String limit;
    @Option(names = "--expires", description = "30d, 12h, 2026-12-31, an ISO instant, or never") String expires;
    @Option(names = "--email") String email;
    @Option(names = "--note") String note;
    @Option(names = "--reset-strategy", paramLabel = "STRATEGY",
        description = "quota reset: daily, weekly[:DAY], monthly[:DAY] or never (default never)") String reset;

    @Override
    public void run() {
      if ((protocol == null) == (plan == null)) {
        throw new InvalidInputException(protocol == null ? "users add needs --protocol or --plan"
            : "give --protocol or --plan, not both");
      }
      Long bytes = limit == null ? null : Sizes.parse(limit);
      Instant at = expires == null ? null : Expiry.parse(expires, parent.root.clock()).orElse(null);
      ResetPolicy policy = reset == null ? null : ResetPolicy.parse(reset);
      NewUser spec;
      if (plan != null) {
        NewUser fromPlan = parent.root.app().plans().newUser(parent.root.app().plans().require(plan), name, server,
            email, note);
        spec = new NewUser(name, fromPlan.protocol(), server, bytes == null ? fromPlan.limitBytes() : bytes,
            expires == null ? fromPlan.expiresAt() : at, email, note, policy == null ? fromPlan.reset() : policy);
      } else {
        spec = new NewUser(name, protocol.toLowerCase(Locale.ROOT), server, bytes == null ? 0 : bytes, at, email,
            note, policy);
      }
      UserRecord u = parent.root.app().users().add(Actor.cli(), spec);
      parent.root.out.println("created user " + u.username() + " (" + u.protocol() + " on " + u.server() + ")");
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List users.")
  static final class ListUsers implements Runnable {
    @ParentCommand UsersCli parent;
    @Option(names = "--status", description = "active, suspended, limited or expired") String status;
    @Option(names = "--search", paramLabel = "TEXT", description = "only users whose name, email or note "
        + "contains TEXT (ignoring case)") String search;
    @Option(names = "--format", description = "table, json or plain") Output.Format format = Output.Format.table;

    @Override
    public void run() {
      UserStatus s = status == null ? null : UserStatus.parse(status);
      List<UserRecord> users = parent.root.app().userQueries().all(s, search);
      if (format == Output.Format.json) {
        parent.root.out.println(Output.json(Output.withSubscriptions(users,
            parent.root.app().subscriptionTokens()::urlFor)));
        return;
      }
      Output.users(parent.root.out, users, format, parent.root.app().dates());
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one user.")
  static final class Show implements Runnable {
    @ParentCommand UsersCli parent;
    @Parameters(paramLabel = "NAME") String name;
    @Option(names = "--format", description = "table, json or plain") Output.Format format = Output.Format.table;

    @Override
    public void run() {
      UserRecord u = parent.root.app().users().show(name);
      if (format == Output.Format.json) {
        parent.root.out.println(Output.json(Output.withSubscriptions(List.of(u),
            parent.root.app().subscriptionTokens()::urlFor).get(0)));
        return;
      }
      Output.user(parent.root.out, u, format, parent.root.app().dates());
    }
  }

  @Command(name = "suspend", mixinStandardHelpOptions = true, description = "Suspend a user.")
  static final class Suspend implements Runnable {
    @ParentCommand UsersCli parent;
    @Parameters(paramLabel = "NAME") String name;
    @Option(names = "--reason", description = "told to the user") String reason;

    @Override
    public void run() {
      parent.root.app().users().suspend(Actor.cli(), name, reason);
      parent.root.out.println("suspended " + name);
    }
  }

  @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resume a suspended user.")
  static final class Resume implements Runnable {
    @ParentCommand UsersCli parent;
    @Parameters(paramLabel = "NAME") String name;

    @Override
    public void run() {
      UserRecord u = parent.root.app().users().resume(Actor.cli(), name);
      parent.root.out.println("resumed " + name + " (status " + u.status() + ")");
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a user.")
  static final class Delete implements Runnable {
    @ParentCommand UsersCli parent;
    @Parameters(paramLabel = "NAME") String name;

    @Override
    public void run() {
      parent.root.app().users().delete(Actor.cli(), name);
      parent.root.out.println("deleted " + name);
    }
  }

  @Command(name = "reset-traffic", mixinStandardHelpOptions = true, description = "Set used traffic to zero.")
  static final class ResetTraffic implements Runnable {
    @ParentCommand UsersCli parent;
    @Parameters(paramLabel = "NAME") String name;

    @Override
    public void run() {
      parent.root.app().users().resetTraffic(Actor.cli(), name);
      parent.root.out.println("traffic reset for " + name);
    }
  }

  @Command(name = "renew", mixinStandardHelpOptions = true, description = "Add days and/or traffic.")
  static final class Renew implements Runnable {
    @ParentCommand UsersCli parent;
    @Parameters(paramLabel = "NAME") String name;
    @Option(names = "--days", description = "days to add") Integer days;
    @Option(names = "--add-traffic", paramLabel = "SIZE", description = "traffic to add, e.g. 10GB") String add;

    @Override
    public void run() {
      long bytes = add == null ? 0 : Sizes.parse(add);
      UserRecord u = parent.root.app().users().renew(Actor.cli(), name, days == null ? 0 : days, bytes);
      parent.root.out.println("renewed " + name + ": expires " + Output.expires(u, parent.root.app().dates())
          + ", limit " + (u.limitBytes() == 0 ? "unlimited" : Sizes.format(u.limitBytes())));
    }
  }

  @Command(name = "rotate", mixinStandardHelpOptions = true,
      description = "New credentials; the old config stops working. A bound chat of the user gets the new config.")
  static final class Rotate implements Runnable {
    @ParentCommand UsersCli parent;
    @Parameters(paramLabel = "NAME") String name;

    @Override
    public void run() {
      parent.root.app().users().rotate(Actor.cli(), name);
      parent.root.out.println("new credentials for " + name + ": the old config stops working; a private chat bound "
          + "to " + name + " gets the new one (else send it: users config " + name + ")");
    }
  }

  @Command(name = "sub-rotate", mixinStandardHelpOptions = true,
      description = "A new subscription token; the old subscription link stops working.")
  static final class SubRotate implements Runnable {
    @ParentCommand UsersCli parent;
    @Parameters(paramLabel = "NAME") String name;

    @Override
    public void run() {
      String url = parent.root.app().subscriptionTokens().rotate(Actor.cli(), name);
      parent.root.out.println(url);
      parent.root.err.println("new subscription link for " + name + ": the old one no longer works");
    }
  }

  @Command(name = "export", mixinStandardHelpOptions = true, description = "Export all users with credentials.")
  static final class Export implements Runnable {
    @ParentCommand UsersCli parent;
    @Option(names = "--format", description = "json or csv") String format = "json";
    @Option(names = "--out", paramLabel = "FILE", description = "write here (mode 0600) instead of stdout")
    Path outFile;

    @Override
    public void run() {
      if (!format.equals("json") && !format.equals("csv")) {
        throw new InvalidInputException("unknown export format '" + format + "': expected json or csv");
      }
      List<UserRecord> all = parent.root.app().userQueries().all(null).stream()
          .map(u -> parent.root.app().users().withCredentials(u.username())).toList();
      String text = format.equals("csv") ? UserFiles.toCsv(all) : UserFiles.toJson(all);
      if (outFile == null) {
        parent.root.out.print(text);
      } else {
        DataDir.writeSecret(outFile.toAbsolutePath(), text.getBytes(StandardCharsets.UTF_8));
        parent.root.err.println("exported " + all.size() + " users to " + outFile);
      }
    }
  }

  @Command(name = "import", mixinStandardHelpOptions = true,
      description = "Import users from a JSON or CSV export; all or nothing.")
  static final class Import implements Runnable {
    @ParentCommand UsersCli parent;
    @Parameters(paramLabel = "FILE") Path file;
    @Option(names = "--dry-run", description = "report what would change, write nothing") boolean dryRun;

    @Override
    public void run() {
      String text;
      try {
        if (!Files.isRegularFile(file)) {
          throw new InvalidInputException("import file " + file + " does not exist");
        }
        if (Files.size(file) > MAX_FILE) {
          throw new InvalidInputException("import file " + file + " is larger than 256 MiB");
        }
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (java.nio.charset.MalformedInputException e) {
        throw new InvalidInputException("import file " + file + " is not UTF-8 text");
      } catch (IOException e) {
        throw new InvalidInputException("cannot read " + file + ": " + e.getMessage());
      }
      UserTransfer.ImportReport r = parent.root.app().userTransfer()
          .importUsers(Actor.cli(), UserFiles.parse(text), dryRun);
      parent.root.out.println((r.dryRun() ? "dry run: would import " : "imported ") + r.created() + " users");
    }
  }
}
