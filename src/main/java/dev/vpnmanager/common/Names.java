package dev.vpnmanager.common;

import java.util.regex.Pattern;

/** Names of users and servers: 3-32 characters of A-Z a-z 0-9 _ . -, starting with a letter or digit. */
public final class Names {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{2,31}");

  private Names() {}

  public static String requireValid(String what, String name) {
    if (name == null || name.isEmpty()) {
      throw new InvalidInputException(what + " name is empty");
    }
    if (!NAME.matcher(name).matches() || name.contains("..")) {
      throw new InvalidInputException("invalid " + what + " name '" + printable(name)
          + "': use 3-32 characters of A-Z a-z 0-9 _ . - starting with a letter or digit");
    }
    return name;
  }

  public static boolean isValid(String name) {
    return name != null && NAME.matcher(name).matches() && !name.contains("..");
  }

  /** Makes hostile input safe to echo on one line of a terminal. */
  public static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && b.length() < 64; i++) {
      char c = s.charAt(i);
      b.append(Character.isISOControl(c) ? '?' : c);
    }
    return s.length() > 64 ? b + "..." : b.toString();
  }
}
