package dev.vpnmanager.user.chat;

import dev.vpnmanager.common.Expiry;
import dev.vpnmanager.common.InvalidInputException;
import dev.vpnmanager.common.Names;
import dev.vpnmanager.common.Sizes;
import dev.vpnmanager.domain.ResetPolicy;
import dev.vpnmanager.user.UserEdit;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/** The fields /edit and the card's ✏️ buttons change, and how a typed value becomes a {@link UserEdit}. */
final class EditFields {
  static final List<String> FIELDS = List.of("limit", "expires", "note", "email", "server", "reset");

  private EditFields() {}

  /** "expiry" and "reset-strategy" are accepted for expires and reset. */
  static String field(String word) {
    String f = word == null ? "" : word.toLowerCase(Locale.ROOT);
    f = switch (f) {
      case "expiry", "expire" -> "expires";
      case "reset-strategy", "resetstrategy" -> "reset";
      default -> f;
    };
    if (!FIELDS.contains(f)) {
      throw new InvalidInputException("unknown field '" + Names.printable(word == null ? "" : word)
          + "': expected limit, expires, note, email, server or reset");
    }
    return f;
  }

  /** Parses the value for the field; "-" clears a note or an email. Throws before anything is written. */
  static UserEdit parse(String field, String value, Clock clock) {
    String v = value == null ? "" : value.strip();
    if (v.isEmpty()) {
      throw new InvalidInputException("a value is needed for " + field);
    }
    return switch (field) {
      case "limit" -> UserEdit.NONE.limit(Sizes.parse(v));
      case "expires" -> UserEdit.NONE.expires(Expiry.parse(v, clock).orElse(null));
      case "note" -> UserEdit.NONE.note(v.equals("-") ? "" : v);
      case "email" -> UserEdit.NONE.email(v.equals("-") ? "" : v);
      case "server" -> UserEdit.NONE.server(v);
      case "reset" -> UserEdit.NONE.reset(ResetPolicy.parse(v));
      default -> throw new InvalidInputException("unknown field '" + field + "'");
    };
  }
}
