package dev.vpnmanager.user;

import dev.vpnmanager.common.Names;
import dev.vpnmanager.common.InvalidInputException;
import java.util.regex.Pattern;

/** Checks of the free-text user fields. */
final class UserFields {
  private static final Pattern EMAIL = Pattern.compile("[^@\\s\"'<>;]{1,64}@[A-Za-z0-9.-]{1,188}\\.[A-Za-z]{2,}");

  private UserFields() {}

  static String email(String email) {
    if (email == null || email.isBlank()) {
      return null;
    }
    if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
      throw new InvalidInputException("invalid email '" + Names.printable(email) + "'");
    }
    return email;
  }

  static String note(String note) {
    if (note == null || note.isEmpty()) {
      return null;
    }
    if (note.length() > 1000) {
      throw new InvalidInputException("note is longer than 1000 characters");
    }
    if (note.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
      throw new InvalidInputException("note contains control characters");
    }
    return note;
  }

  static long limit(long limitBytes) {
    if (limitBytes < 0) {
      throw new InvalidInputException("traffic limit cannot be negative");
    }
    return limitBytes;
  }
}
