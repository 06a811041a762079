package dev.vpnmanager.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vpnmanager.chat.i18n.Dates;
import dev.vpnmanager.common.Sizes;
import dev.vpnmanager.user.UserFiles;
import dev.vpnmanager.user.UserRecord;
import java.io.PrintStream;
import java.util.List;

/** Prints users as a table, JSON or plain text. */
final class Output {
  enum Format { table, json, plain }

  private Output() {}

  static void users(PrintStream out, List<UserRecord> users, Format format) {
    users(out, users, format, null);
  }

  /** Tables show dates as people read them when {@code dates} is given; plain and JSON keep ISO. */
  static void users(PrintStream out, List<UserRecord> users, Format format, Dates dates) {
    switch (format) {
      case json -> out.println(json(users));
      case plain -> users.forEach(u -> out.println(String.join("\t", u.username(), u.protocol(), u.status(),
          Long.toString(u.usedBytes()), Long.toString(u.limitBytes()),
          u.expiresAt() == null ? "never" : u.expiresAt().toString())));
      default -> {
        String fmt = "%-32s  %-11s  %-9s  %10s  %10s  %s%n";
        out.printf(fmt, "USERNAME", "PROTOCOL", "STATUS", "USED", "LIMIT", "EXPIRES");
        for (UserRecord u : users) {
          out.printf(fmt, u.username(), u.protocol(), u.status(), Sizes.format(u.usedBytes()),
              u.limitBytes() == 0 ? "unlimited" : Sizes.format(u.limitBytes()), expires(u, dates));
        }
        if (users.isEmpty()) {
          out.println("(no users)");
        }
      }
    }
  }

  static void user(PrintStream out, UserRecord u, Format format) {
    user(out, u, format, null);
  }

  static void user(PrintStream out, UserRecord u, Format format, Dates dates) {
    if (format == Format.json) {
      out.println(json(u));
      return;
    }
    String sep = format == Format.plain ? "=" : ": ";
    out.println("username" + sep + u.username());
    out.println("protocol" + sep + u.protocol());
    out.println("server" + sep + (u.server() == null ? "" : u.server()));
    out.println("status" + sep + u.status() + (u.statusReason() == null ? "" : " (" + u.statusReason() + ")"));
    out.println("used" + sep + (format == Format.plain ? u.usedBytes() : Sizes.format(u.usedBytes())));
    out.println("limit" + sep + (format == Format.plain ? Long.toString(u.limitBytes())
        : u.limitBytes() == 0 ? "unlimited" : Sizes.format(u.limitBytes())));
    out.println("expires" + sep + (format == Format.plain ? (u.expiresAt() == null ? "never" : u.expiresAt())
        : expires(u, dates)));
    out.println("created" + sep + u.createdAt());
    out.println("email" + sep + (u.email() == null ? "" : u.email()));
    out.println("note" + sep + (u.note() == null ? "" : u.note()));
    out.println("reset" + sep + (u.resetStrategy() == null ? "never" : u.resetStrategy()));
  }

  /** One line after a change: limit, expiry and reset policy. */
  static String summary(UserRecord u, Dates dates) {
    return "status " + u.status() + ", limit " + (u.limitBytes() == 0 ? "unlimited" : Sizes.format(u.limitBytes()))
        + ", expires " + expires(u, dates) + ", reset " + (u.resetStrategy() == null ? "never" : u.resetStrategy());
  }

  static String expires(UserRecord u, Dates dates) {
    if (u.expiresAt() == null) {
      return "never";
    }
    return dates == null ? u.expiresAt().toString() : dates.expiry(u.expiresAt(), "en");
  }

  /** Users as JSON objects with their subscription URL added (interface.md: subscriptionUrl). */
  static List<com.fasterxml.jackson.databind.node.ObjectNode> withSubscriptions(List<UserRecord> users,
      java.util.function.Function<String, String> urlFor) {
    return users.stream().map(u -> {
      com.fasterxml.jackson.databind.node.ObjectNode n = UserFiles.JSON.valueToTree(u);
      n.put("subscriptionUrl", urlFor.apply(u.username()));
      return n;
    }).toList();
  }

  static String json(Object o) {
    try {
      return UserFiles.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
