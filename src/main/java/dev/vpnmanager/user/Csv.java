package dev.vpnmanager.user;

import dev.vpnmanager.common.InvalidInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV: fields quoted when they hold a comma, quote or line break; quotes doubled. A field a spreadsheet would
 * run as a formula (starting with =, +, -, @, tab or CR) is written with a leading apostrophe, as is one that starts
 * with an apostrophe itself, and reading removes one leading apostrophe: every value round-trips.
 */
final class Csv {
  private static final String FORMULA_STARTS = "=+-@\t\r'";

  private Csv() {}

  static String neutralise(String f) {
    return !f.isEmpty() && FORMULA_STARTS.indexOf(f.charAt(0)) >= 0 ? "'" + f : f;
  }

  static String restore(String f) {
    return f.startsWith("'") ? f.substring(1) : f;
  }

  static String line(List<String> fields) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      String f = neutralise(fields.get(i) == null ? "" : fields.get(i));
      if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
        b.append('"').append(f.replace("\"", "\"\"")).append('"');
      } else {
        b.append(f);
      }
    }
    return b.append("\r\n").toString();
  }

  static List<List<String>> parse(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        if (field.length() > 0) {
          throw new InvalidInputException("not a valid CSV file: stray quote in row " + (rows.size() + 1));
        }
        quoted = true;
        any = true;
      } else if (c == ',') {
        row.add(restore(field.toString()));
        field.setLength(0);
        any = true;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        if (any || field.length() > 0) {
          row.add(restore(field.toString()));
          rows.add(row);
        }
        row = new ArrayList<>();
        field.setLength(0);
        any = false;
      } else {
        field.append(c);
        any = true;
      }
    }
    if (quoted) {
      throw new InvalidInputException("not a valid CSV file: unterminated quote");
    }
    if (any || field.length() > 0) {
      row.add(restore(field.toString()));
      rows.add(row);
    }
    return rows;
  }
}
