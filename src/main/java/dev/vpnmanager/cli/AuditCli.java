package dev.vpnmanager.cli;

import dev.vpnmanager.chat.i18n.Dates;
import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.domain.AuditEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** audit list [--user NAME] [--actor A] [--since WHEN] [--limit N] [--format table|json|plain]. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Read the audit log.",
    subcommands = {AuditCli.ListEntries.class})
public final class AuditCli {
  @ParentCommand
  RootCommand root;

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Audit entries, newest first.")
  static final class ListEntries implements Runnable {
    @ParentCommand AuditCli parent;
    @Option(names = "--user", paramLabel = "NAME", description = "entries about this user") String user;
    @Option(names = "--actor", paramLabel = "A",
        description = "by this actor (cli, telegram:ID, matrix:@user:server) or channel") String actor;
    @Option(names = "--since", paramLabel = "WHEN", description = "7d, 12h, 2026-12-01 or an ISO instant")
    String since;
    @Option(names = "--limit", paramLabel = "N", description = "at most N entries (default 100)") int limit = 100;
    @Option(names = "--format", description = "table, json or plain") Output.Format format = Output.Format.table;

    @Override
    public void run() {
      if (limit < 1 || limit > 100_000) {
        throw new InvalidInputException("--limit must be 1 to 100000, not " + limit);
      }
      Instant from = since == null ? null : since(since, parent.root.clock().instant());
      List<AuditEntry> entries = parent.root.app().audit().find(user, actor, from, 0, limit);
      Dates dates = parent.root.app().dates();
      switch (format) {
        case json -> parent.root.out.println(Output.json(entries.stream().map(AuditCli::json).toList()));
        case plain -> entries.forEach(e -> parent.root.out.println(String.join("\t", e.getAt().toString(),
            e.getActor(), e.getAction(), nz(e.getTarget()), nz(e.getDetail()))));
        default -> {
          String fmt = "%-17s  %-22s  %-20s  %-16s  %s%n";
          parent.root.out.printf(fmt, "WHEN", "ACTOR", "ACTION", "TARGET", "DETAIL");
          for (AuditEntry e : entries) {
            parent.root.out.printf(fmt, dates.dateTime(e.getAt(), "en"), e.getActor(), e.getAction(),
                nz(e.getTarget()), nz(e.getDetail()).replace('\n', ' '));
          }
          if (entries.isEmpty()) {
            parent.root.out.println("(no entries)");
          }
        }
      }
    }
  }

  /** "7d" / "12h" back from now, a date (from its start, UTC), or an ISO instant. */
  static Instant since(String text, Instant now) {
    String t = text.strip();
    try {
      if (t.matches("\\d{1,5}[dhw]")) {
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        Duration unit = switch (t.charAt(t.length() - 1)) {
          case 'h' -> Duration.ofHours(1);
          case 'w' -> Duration.ofDays(7);
          default -> Duration.ofDays(1);
        };
        return now.minus(unit.multipliedBy(n));
      }
      if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
        return LocalDate.parse(t).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
      }
      return Instant.parse(t);
    } catch (DateTimeParseException e) {
      throw invalid(text);
    } catch (java.time.DateTimeException e) {
      throw invalid(text);
    }
  }

  private static InvalidInputException invalid(String text) {
    return new InvalidInputException("invalid --since '" + text + "': expected 7d, 12h, 2w, 2026-12-01 or an ISO instant");
  }

  static Map<String, Object> json(AuditEntry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("at", e.getAt());
    m.put("channel", e.getChannel());
    m.put("actor", e.getActor());
    m.put("action", e.getAction());
    m.put("target", e.getTarget());
    m.put("detail", e.getDetail());
    return m;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
