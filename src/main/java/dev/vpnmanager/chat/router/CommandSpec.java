package dev.vpnmanager.chat.router;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command declared once: its name (without slash), the least role, its arguments as users read them
 * ({@code NAME DAYS [TRAFFIC]}: bracketed ones are optional, a last {@code TEXT} takes the rest of the
 * line) and a one-line description. The router keys handlers by the name, answers a wrong number
 * of arguments with {@link #usage()} before the handler runs, and /help lists the usage and description.
 */
public record CommandSpec(String name, Role role, String arguments, String description) {
  private static final Pattern ARG = Pattern.compile("\\[[^\\]]*\\]|\\S+");

  public CommandSpec {
    if (!name.matches("[a-z][a-z0-9_]{0,31}")) {
      throw new IllegalArgumentException("a command name is 1-32 lower-case letters, digits or _: " + name);
    }
  }

  /** A command that takes no arguments. */
  public CommandSpec(String name, Role role, String description) {
    this(name, role, "", description);
  }

  public String usage() {
    return "/" + name + (arguments.isBlank() ? "" : " " + arguments);
  }

  /** Whether {@code count} arguments fit the declaration. */
  public boolean accepts(int count) {
    List<String> args = tokens();
    int required = (int) args.stream().filter(a -> !a.startsWith("[")).count();
    boolean rest = !args.isEmpty() && args.get(args.size() - 1).equals("TEXT");
    return count >= required && (rest || count <= args.size());
  }

  private List<String> tokens() {
    List<String> out = new ArrayList<>();
    Matcher m = ARG.matcher(arguments);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }
}
